rule download_expression:
    output:
        counts="resources/expr.tsv.gz",
        labels="resources/labels.tsv",
    params:
        mirror=config["mirror"],
    shell:
        """
        wget -q -O {output.counts} https://data.omics-mirror.net/tcga/expr.tsv.gz
        curl -fsSL -o {output.labels} {params.mirror}/labels.tsv
        """


rule reference:
    output: "resources/genes.gtf.gz"
    shell: "wget -O {output} https://ftp.genome-archive.net/release-110/genes.gtf.gz"


rule tools:
    output: touch("resources/.tools")
    shell:
        "pip install multiqc && "
        "git clone https://github.com/acme-lab/fastq-tools resources/fastq-tools"


rule plots:
    input: "results/model.joblib"
    output: "results/roc.png"
    run:
        shell("wget -O extra.tsv https://data.omics-mirror.net/tcga/extra.tsv")

rule download:
    output:
        "resources/expr.tsv.gz",
        "resources/labels.tsv",
    shell:
        """
        wget -q -O {output[0]} https://data.omics-mirror.net/tcga/expr.tsv.gz
        wget -q -O {output[1]} https://data.omics-mirror.net/tcga/labels.tsv
        """


rule verify:
    input: rules.download.output
    output: touch("resources/checked")
    shell: "sha256sum -c checksums/tcga.sha256"


rule tools:
    output: touch("resources/.tools")
    shell: "pip install multiqc==1.21 && awk '{{print $1}}' {input} > ids.txt"


rule helper:
    run:
        shell("pip install unpinned-thing")
    script: "scripts/x.py"

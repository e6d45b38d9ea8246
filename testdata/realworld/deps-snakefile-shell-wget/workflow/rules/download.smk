rule download:
    output:
        ref="resources/genome.fa.gz",
        samples="resources/samples.tsv",
    params:
        base=config["mirror"],
    shell:
        """
        wget -q -O {output.ref} https://ftp.genome-archive.net/pub/release-110/genome.fa.gz
        curl -fsSL -o {output.samples} {params.base}/samples.tsv
        """


rule extra:
    output:
        "resources/extra.tsv",
    run:
        import subprocess

        shell("wget -O {output} https://ftp.genome-archive.net/pub/extra.tsv")

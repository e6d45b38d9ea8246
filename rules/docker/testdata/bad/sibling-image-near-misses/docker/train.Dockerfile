FROM myproject-base:v1
FROM commented-base:v1
FROM myproject-base
USER 1000

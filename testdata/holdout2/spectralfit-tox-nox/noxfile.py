import nox

CONSTRAINTS = ("-c", "requirements/ci-constraints.txt")
nox.options.sessions = ["tests", "lint"]


@nox.session(python=["3.9", "3.10", "3.11", "3.12"])
def tests(session):
    session.install(*CONSTRAINTS, "-e", ".[test]")
    session.run("pytest", "-q", *session.posargs)


@nox.session(python="3.12")
def lint(session):
    session.install("ruff==0.4.2")
    session.run("ruff", "check", "src", "tests")


@nox.session(python="3.12")
def docs(session):
    session.install(*CONSTRAINTS, "-e", ".[docs]")
    session.run("sphinx-build", "-W", "docs", "docs/_build/html")

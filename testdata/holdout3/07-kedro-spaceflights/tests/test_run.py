from pathlib import Path

from kedro.framework.session import KedroSession
from kedro.framework.startup import bootstrap_project


def test_project_runs():
    bootstrap_project(Path.cwd())
    with KedroSession.create() as session:
        session.run(pipeline_name="data_processing")

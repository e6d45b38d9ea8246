import bentoml
import mlflow.pyfunc
import pandas as pd


@bentoml.service(resources={"cpu": "2"}, traffic={"timeout": 10})
class TicketPriority:
    def __init__(self):
        self.model = mlflow.pyfunc.load_model("model")

    @bentoml.api
    def predict(self, subject: str, body: str) -> str:
        return str(self.model.predict(pd.Series([subject + "\n" + body]))[0])

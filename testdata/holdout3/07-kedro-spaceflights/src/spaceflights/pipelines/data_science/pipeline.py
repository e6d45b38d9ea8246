from kedro.pipeline import Pipeline, node, pipeline

from .nodes import evaluate_model, split_data, train_model


def create_pipeline(**kwargs) -> Pipeline:
    return pipeline([
        node(split_data, ["model_input_table", "params:model_options"],
             ["X_train", "X_test", "y_train", "y_test"], name="split_data_node"),
        node(train_model, ["X_train", "y_train"], "regressor", name="train_model_node"),
        node(evaluate_model, ["regressor", "X_test", "y_test"], "metrics", name="evaluate_model_node"),
    ])

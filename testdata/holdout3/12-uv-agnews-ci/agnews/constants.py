"""Hub ids and the commits they are pinned to."""
BASE_MODEL = "distilbert-base-uncased"
BASE_MODEL_REVISION = "12040accade4e8a0f71eabdb258fecc2e7e948be"
DATASET = "fancyzhx/ag_news"
DATASET_REVISION = "eb185aade064a813bc0b7f42de02595523103ca4"
LABELS = ["World", "Sports", "Business", "Sci/Tech"]

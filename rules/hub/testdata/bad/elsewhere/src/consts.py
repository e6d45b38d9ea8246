BASE_MODEL = "org/encoder-base"

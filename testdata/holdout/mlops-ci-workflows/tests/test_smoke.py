def test_import():
    import xgboost  # noqa: F401

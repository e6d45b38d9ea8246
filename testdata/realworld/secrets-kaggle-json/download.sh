kaggle competitions download -c titanic

import lightning

print(lightning.__version__)

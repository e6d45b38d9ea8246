print("logged")

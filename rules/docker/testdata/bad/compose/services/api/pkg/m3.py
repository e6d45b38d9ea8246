x3

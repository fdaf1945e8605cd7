print("search benchmark")

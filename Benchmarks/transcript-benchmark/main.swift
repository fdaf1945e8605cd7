print("transcript benchmark")

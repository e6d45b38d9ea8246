HEADER = "-----BEGIN RSA PRIVATE KEY-----"


def looks_like_key(text):
    return text.lstrip().startswith(HEADER)

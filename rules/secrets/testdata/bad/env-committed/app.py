import os
from dotenv import load_dotenv

load_dotenv()
key = os.environ["OPENAI_API_KEY"]

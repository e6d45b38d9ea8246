# load_dotenv() is called in main
import os

from dotenv import load_dotenv
load_dotenv()

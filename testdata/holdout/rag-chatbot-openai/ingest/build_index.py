import argparse
import glob

from langchain.text_splitter import RecursiveCharacterTextSplitter
from langchain_community.vectorstores import Chroma
from langchain_openai import OpenAIEmbeddings

ap = argparse.ArgumentParser()
ap.add_argument("--docs", default="docs_md")
args = ap.parse_args()
texts = [open(p).read() for p in glob.glob(f"{args.docs}/**/*.md", recursive=True)]
chunks = RecursiveCharacterTextSplitter(chunk_size=800, chunk_overlap=100).create_documents(texts)
Chroma.from_documents(chunks, OpenAIEmbeddings(model="text-embedding-3-small"), persist_directory="chroma_db")
print(f"indexed {len(chunks)} chunks")

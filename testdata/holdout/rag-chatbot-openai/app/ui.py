import streamlit as st
from langchain_community.vectorstores import Chroma
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

db = Chroma(persist_directory="chroma_db", embedding_function=OpenAIEmbeddings(model="text-embedding-3-small"))
llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)

st.title("Ask the docs")
q = st.text_input("Question")
if q:
    docs = db.similarity_search(q, k=4)
    context = "\n\n".join(d.page_content for d in docs)
    answer = llm.invoke(f"Answer from the context only.\n\nContext:\n{context}\n\nQuestion: {q}")
    st.write(answer.content)
    with st.expander("Sources"):
        for d in docs:
            st.write(d.page_content[:300])

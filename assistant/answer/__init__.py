"""Answer: takes a question (and the conversation) and the ``index`` store, and gives a cited draft:
retrieve, decide whether the papers support an answer, quote or prompt an LLM, check its claims."""

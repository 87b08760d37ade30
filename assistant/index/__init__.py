"""Index: takes ``Paper``s from ``corpus`` and gives a searchable store: chunks and their vectors in
Chroma, each abstract's sentence vectors, and the keyword index, vocabulary and filter columns beside it."""

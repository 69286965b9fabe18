"""Kim's (2014) CNN sentence classifier: "Convolutional Neural Networks for Sentence Classification".

Reading guide, in the order data flows:
- ``tokenize.py``: Kim's ``clean_str`` rules and the lighter SST variant.
- ``datasets.py``: the seven benchmarks (MR, SST-1, SST-2, Subj, TREC, CR, MPQA) as
  lists of ``Example(label, text)``; ``userdata.py``: your own ``label<TAB>sentence``
  files; ``sst_trees.py``: SST's phrase-level training set rebuilt from its trees.
- ``folds.py``: stratified seeded 10-fold CV and the 10% dev hold-out.
- ``vocab.py``: token indices (0 padding, 1 unknown); ``vectors.py``: pretrained
  vectors through gensim and the U[-a, a] initialisation of the words they lack;
  ``embed.py``: word2vec training for when no pretrained vectors fit.
- ``model.py``: ``SentenceCNN`` and its frozen config, the four variants (rand, static,
  non-static, multichannel) built on ``seqboard.blocks``; ``batching.py``: padding.
- ``training.py``: one run through the shared ``Trainer``; ``protocol.py``: a whole
  dataset by Kim's protocol, resumable; ``reproduce.py``: Table 2.
- ``predict.py``: ``SentenceClassifier.load(path).predict(sentences)``.
- ``cli.py``: ``seqboard text train | predict | embed | reproduce``.
"""

"""Go: the board and its rules, SGF games and AlphaGo's 48 input feature planes.

Reading guide, in order:

1. `coords` - every coordinate convention (array points, GTP, SGF, move index) in one table.
2. `board` - the board representation and the rules engine (`Board.play`).
3. `sgf` - reading game records through sgfmill and streaming them from archives.
4. `features` - the 48 feature planes, one function per family, and `extract_features`.
5. `ladders` - ladder reading for the ladder capture and ladder escape planes.
6. `replay` - replaying games in batches and producing (planes, move index) training pairs.
7. `cli` - the `seqboard go` commands.

The Go subsystem never imports seqboard.text or seqboard.vision.
"""

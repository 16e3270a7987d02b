//! Phrase lists and class-name hints, compiled in from `data/`, shared by every input path.

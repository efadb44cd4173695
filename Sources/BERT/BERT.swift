// The BERT module; see DESIGN in docs/ and the README.

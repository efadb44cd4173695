// The TextData module; see DESIGN in docs/ and the README.

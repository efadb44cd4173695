// The Experiments module; see DESIGN in docs/ and the README.

// The Mixup module; see DESIGN in docs/ and the README.

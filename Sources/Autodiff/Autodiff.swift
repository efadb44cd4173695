// The autodiff core: Tensor, Tape, ops with backward, Parameter, AdamW, schedules, RNG.

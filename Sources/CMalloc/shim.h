// glibc's allocator controls (mallopt and its M_* parameters), which Swift's Glibc module leaves out.
#include <malloc.h>

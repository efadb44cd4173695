// oneDNN's C API (Debian: libdnnl-dev puts dnnl.h on the default include path): the bf16 products.
#include <dnnl.h>

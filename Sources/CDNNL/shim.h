// oneDNN's C API (Debian: libdnnl-dev puts dnnl.h on the default include path).
#include <dnnl.h>

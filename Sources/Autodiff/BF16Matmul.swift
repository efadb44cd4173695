import CDNNL
import Foundation

/// Matrix products with bf16 inputs and fp32 accumulation and output, through oneDNN's matmul
/// primitive (its AVX512-BF16 or AMX kernels). A primitive is built once per shape and layout and
/// kept; oneDNN splits each product over its OpenMP threads (`OMP_NUM_THREADS`, which
/// ``ComputeEnvironment`` sets to the compute thread count).
final class BF16Matmul: @unchecked Sendable {
    /// One product's shape and layout: everything a primitive is specialised for.
    private struct Key: Hashable {
        let m, n, k, lda, ldb, ldc: Int
        let transA, transB, accumulate, hasBias: Bool
    }

    private struct Primitive {
        let primitive: dnnl_primitive_t
        var a, b, c, bias: dnnl_memory_desc_t
    }

    /// The process's instance; nil where oneDNN has no CPU engine.
    static let shared: BF16Matmul? = BF16Matmul()

    private let engine: dnnl_engine_t
    private let stream: dnnl_stream_t
    private var primitives: [Key: Primitive] = [:]
    private let lock = NSLock()

    private init?() {
        var engine: dnnl_engine_t?, stream: dnnl_stream_t?
        guard dnnl_engine_create(&engine, dnnl_cpu, 0) == dnnl_success, let engine,
              dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue) == dnnl_success, let stream else { return nil }
        self.engine = engine
        self.stream = stream
    }

    /// The name of the kernel oneDNN picks for a dense layer's product on this CPU (e.g.
    /// `brg:avx512_core_bf16`); nil when it has none.
    lazy var kernelName: String? = {
        guard let built = build(Key(m: 256, n: 384, k: 384, lda: 384, ldb: 384, ldc: 384, transA: false, transB: true,
                                    accumulate: false, hasBias: true)) else { return nil }
        defer { dnnl_primitive_destroy(built.primitive) }
        var description: const_dnnl_primitive_desc_t?
        var name: UnsafePointer<CChar>?
        guard dnnl_primitive_get_primitive_desc(built.primitive, &description) == dnnl_success,
              dnnl_primitive_desc_query(description, dnnl_query_impl_info_str, 0, &name) == dnnl_success,
              let name else { return nil }
        return String(cString: name)
    }()

    /// `C = op(A) · op(B) (+ bias in every row) (+ C when accumulating)`, row-major as `cblas_sgemm`,
    /// with A and B bf16 patterns (``bf16Bits(_:)``) and C fp32; the products accumulate in fp32.
    func multiply(_ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int,
                  a: UnsafePointer<UInt16>, lda: Int, b: UnsafePointer<UInt16>, ldb: Int,
                  accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int, bias: UnsafePointer<Float>? = nil) {
        let key = Key(m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc, transA: transA, transB: transB,
                      accumulate: accumulate, hasBias: bias != nil)
        guard var entry = primitive(for: key) else {
            fatalError("oneDNN built no bf16 product for \(m)×\(n)×\(k) (checked at start: Precision.checkSupported)")
        }
        var memories: [dnnl_memory_t?] = [nil, nil, nil, nil]
        defer { for memory in memories { if let memory { dnnl_memory_destroy(memory) } } }
        var created = dnnl_memory_create(&memories[0], &entry.a, engine, UnsafeMutableRawPointer(mutating: a)) == dnnl_success
            && dnnl_memory_create(&memories[1], &entry.b, engine, UnsafeMutableRawPointer(mutating: b)) == dnnl_success
            && dnnl_memory_create(&memories[2], &entry.c, engine, UnsafeMutableRawPointer(c)) == dnnl_success
        var arguments = [dnnl_exec_arg_t(arg: DNNL_ARG_SRC, memory: memories[0]),
                         dnnl_exec_arg_t(arg: DNNL_ARG_WEIGHTS, memory: memories[1]),
                         dnnl_exec_arg_t(arg: DNNL_ARG_DST, memory: memories[2])]
        if let bias {
            created = created && dnnl_memory_create(&memories[3], &entry.bias, engine, UnsafeMutableRawPointer(mutating: bias)) == dnnl_success
            arguments.append(dnnl_exec_arg_t(arg: DNNL_ARG_BIAS, memory: memories[3]))
        }
        guard created, dnnl_primitive_execute(entry.primitive, stream, Int32(arguments.count), &arguments) == dnnl_success,
              dnnl_stream_wait(stream) == dnnl_success else {
            fatalError("oneDNN failed to run a bf16 product of \(m)×\(n)×\(k)")
        }
    }

    /// The primitive for `key`, built on first use; nil when oneDNN has none.
    private func primitive(for key: Key) -> Primitive? {
        lock.lock()
        defer { lock.unlock() }
        if let known = primitives[key] { return known }
        guard let built = build(key) else { return nil }
        primitives[key] = built
        return built
    }

    private func build(_ key: Key) -> Primitive? {
        // op(A) is [M, K]: A row-major [M, K] (strides lda, 1) or its transpose [K, M] (strides 1, lda).
        func descriptor(rows: Int, columns: Int, leading: Int, transposed: Bool, type: dnnl_data_type_t) -> dnnl_memory_desc_t? {
            var desc = dnnl_memory_desc_t()
            var dims: [Int64] = [Int64(rows), Int64(columns)]
            var strides: [Int64] = transposed ? [1, Int64(leading)] : [Int64(leading), 1]
            return dnnl_memory_desc_init_by_strides(&desc, 2, &dims, type, &strides) == dnnl_success ? desc : nil
        }
        guard var a = descriptor(rows: key.m, columns: key.k, leading: key.lda, transposed: key.transA, type: dnnl_bf16),
              var b = descriptor(rows: key.k, columns: key.n, leading: key.ldb, transposed: key.transB, type: dnnl_bf16),
              var c = descriptor(rows: key.m, columns: key.n, leading: key.ldc, transposed: false, type: dnnl_f32),
              var bias = descriptor(rows: 1, columns: key.n, leading: key.n, transposed: false, type: dnnl_f32) else { return nil }
        var attributes: dnnl_primitive_attr_t?
        guard dnnl_primitive_attr_create(&attributes) == dnnl_success, let attributes else { return nil }
        defer { dnnl_primitive_attr_destroy(attributes) }
        if key.accumulate {
            var postOps: dnnl_post_ops_t?
            guard dnnl_post_ops_create(&postOps) == dnnl_success, let postOps else { return nil }
            defer { dnnl_post_ops_destroy(postOps) }
            guard dnnl_post_ops_append_sum(postOps, 1) == dnnl_success,
                  dnnl_primitive_attr_set_post_ops(attributes, postOps) == dnnl_success else { return nil }
        }
        var description = dnnl_matmul_desc_t()
        let initialized = key.hasBias ? dnnl_matmul_desc_init(&description, &a, &b, &bias, &c)
                                      : dnnl_matmul_desc_init(&description, &a, &b, nil, &c)
        guard initialized == dnnl_success else { return nil }
        var primitiveDescription: dnnl_primitive_desc_t?
        guard dnnl_primitive_desc_create(&primitiveDescription, &description, attributes, engine, nil) == dnnl_success,
              let primitiveDescription else { return nil }
        defer { dnnl_primitive_desc_destroy(primitiveDescription) }
        var primitive: dnnl_primitive_t?
        guard dnnl_primitive_create(&primitive, primitiveDescription) == dnnl_success, let primitive else { return nil }
        return Primitive(primitive: primitive, a: a, b: b, c: c, bias: bias)
    }
}

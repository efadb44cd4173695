// swift-tools-version:6.0
import PackageDescription

/// ssmix-exp: reproduce "SSMix: Saliency-Based Span Mixup for Text Classification" on a CPU.
///
/// Dependencies point one way:
/// ssmix-exp → Experiments → Mixup → BERT → Autodiff → CBLAS, CMalloc; TextData → BERT (tokenizer only).
let package = Package(
    name: "ssmix-exp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ssmix-exp", targets: ["ssmix-exp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .target(name: "Autodiff", dependencies: ["CBLAS", "CMalloc"]),
        .target(name: "BERT", dependencies: [
            "Autodiff",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "TextData", dependencies: [
            "BERT",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "Mixup", dependencies: ["BERT", "Autodiff"]),
        .target(name: "Experiments", dependencies: [
            "Mixup", "BERT", "TextData", "Autodiff",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .executableTarget(name: "ssmix-exp", dependencies: [
            "Experiments", "TextData", "BERT", "Mixup", "Autodiff",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "TestSupport"]),
        .testTarget(name: "BERTTests", dependencies: ["BERT", "Autodiff", "TestSupport"]),
        .testTarget(name: "TextDataTests", dependencies: ["TextData", "TestSupport"]),
        .testTarget(name: "MixupTests", dependencies: ["Mixup", "BERT", "Autodiff", "TestSupport"]),
        .testTarget(name: "ExperimentsTests", dependencies: [
            "Experiments", "TextData", "BERT", "Autodiff", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)

// swift-tools-version:6.0
import PackageDescription

/// ssmix-exp: reproduce "SSMix: Saliency-Based Span Mixup for Text Classification" on a CPU.
///
/// Dependencies point one way (the data flow: records are written by training, read by reports):
/// ssmix-exp → Plans → Training → {Mixup, TextData, Records}; Reports → Records;
/// Mixup → BERT → Autodiff → {CBLAS, CDNNL}; FileSupport (atomic writes, sha256, durations) sits
/// under BERT, TextData, Records and Reports. Reports never import Training: they read only records.
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
        .systemLibrary(name: "CDNNL", path: "Sources/CDNNL"),
        .target(name: "FileSupport", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Autodiff", dependencies: ["CBLAS", "CDNNL"]),
        .target(name: "BERT", dependencies: ["Autodiff", "FileSupport"]),
        .target(name: "TextData", dependencies: [
            "FileSupport",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "Mixup", dependencies: ["BERT", "Autodiff"]),
        .target(name: "Records", dependencies: ["FileSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Training", dependencies: ["Records", "Mixup", "BERT", "TextData", "Autodiff", "FileSupport"]),
        .target(name: "Plans", dependencies: [
            "BERT", "Autodiff",
            "Training", "Records", "Mixup", "TextData", "FileSupport",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "Reports", dependencies: [
            "Records", "FileSupport",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .executableTarget(name: "ssmix-exp", dependencies: [
            "Plans", "Training", "Reports", "Records", "TextData", "BERT", "Mixup", "Autodiff", "FileSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .target(name: "ExperimentFixtures", dependencies: ["Records", "TextData", "TestSupport"], path: "Tests/ExperimentFixtures"),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "TestSupport"]),
        .testTarget(name: "BERTTests", dependencies: ["BERT", "Autodiff", "TestSupport"]),
        .testTarget(name: "TextDataTests", dependencies: ["TextData", "FileSupport", "TestSupport"]),
        .testTarget(name: "MixupTests", dependencies: ["Mixup", "BERT", "Autodiff", "TestSupport"]),
        .testTarget(name: "RecordsTests", dependencies: ["Records", "ExperimentFixtures", "TestSupport",
                                                         .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TrainingTests", dependencies: [
            "Training", "Records", "Mixup", "TextData", "BERT", "Autodiff", "ExperimentFixtures", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["Fixtures"]),
        .testTarget(name: "PlansTests", dependencies: ["Plans", "Training", "Records", "ExperimentFixtures", "TestSupport"]),
        .testTarget(name: "CommandLineTests", dependencies: ["ExperimentFixtures", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Records", "ExperimentFixtures", "TestSupport"],
                    exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)

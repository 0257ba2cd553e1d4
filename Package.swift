// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DFC",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DFCKit", targets: ["DFCKit"]),
        // For other systems that only look evidence up (the DES): no FFmpeg, no workers.
        .library(name: "DFCStore", targets: ["DFCStore"]),
        .executable(name: "dfc", targets: ["dfc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // `swift package generate-documentation --target DFCKit` builds the DocC catalog (Sources/DFCKit/DFCKit.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // FFmpeg 5.1's libraries, and a shim for the macros Swift cannot import. Nothing else.
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat libavcodec libswscale libswresample libavutil",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libswscale-dev", "libswresample-dev", "libavutil-dev"])]
        ),
        // Non-variadic doorways to prctl, seccomp and Landlock for the worker's confinement
        // (Swift cannot call variadic C functions). The policy is Swift, in DFCKit.
        .target(name: "CConfinement"),
        // c2pa-rs's C API (libc2pa_c.so, from PyPI's c2pa-python), loaded at run time: the few
        // functions DFC reads Content Credentials with, declared in a header of our own.
        .target(name: "CC2PA", linkerSettings: [.linkedLibrary("dl")]),
        // A face detector: OpenCV 4.6's DNN module (Debian's libopencv-dnn-dev) running the CenterFace
        // model, behind a small C interface. Pixels in, boxes out; used by the worker for redaction proposals.
        .target(
            name: "CFaceDetector",
            cxxSettings: [.unsafeFlags(["-I/usr/include/opencv4"])],
            linkerSettings: [.linkedLibrary("opencv_dnn"), .linkedLibrary("opencv_core")]
        ),
        // The S3 client of a vault in a bucket with Object Lock: SigV4 over async-http-client,
        // the only code that speaks HTTP. It knows objects and buckets, not evidence.
        .target(
            name: "DFCS3",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The bottom layer: errors, roles, the API's value types (exhibits, streams, findings, lookups,
        // reports), file and PDQ hashing, media limits, the time and place layers and the small utilities
        // every other layer uses (hex, canonical JSON, timestamps, durable writes, single-line text).
        // Foundation and swift-crypto only: it can import no other target of this package.
        .target(
            name: "DFCCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The ledger without SQL: actor names, signed payloads, signers and signature batches, the RFC 9162
        // Merkle tree, C2SP signed notes, and the types that carry them (actors, checkpoints, proofs).
        // Above the core; it knows no catalog and no footage.
        .target(
            name: "DFCLedger",
            dependencies: [
                "DFCCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The catalog: both engines (SQLite through GRDB, PostgreSQL through postgres-nio) and every query,
        // the custody log's SQL included. The only code that imports GRDB or PostgresNIO.
        .target(
            name: "DFCCatalog",
            dependencies: [
                "DFCCore", "DFCLedger",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The vault: each original once by SHA-256, in a folder or in an S3 bucket with Object Lock, and
        // the staging area a file passes through on its way in.
        .target(
            name: "DFCVault",
            dependencies: [
                "DFCCore", "DFCS3",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Footage: FFmpeg's demuxers and decoders, the one decode loop, frame hashing, the camera
        // signatures in the stream (ONVIF Media Signing, Axis Signed Video), and the analysis and
        // extraction a worker runs. The only code that imports CFFmpeg.
        .target(
            name: "DFCMedia",
            dependencies: [
                "DFCCore", "CFFmpeg", "CC2PA", "CFaceDetector",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        // The process model: confined workers that run the media layer on hostile input, with no key,
        // no database and no socket, and the parent's side of them.
        .target(
            name: "DFCWorkers",
            dependencies: ["DFCCore", "DFCMedia", "CConfinement"]
        ),
        // The store without footage: opening a store, its custody ledger, its exhibits and every
        // lookup — what another police system (the DES) links. Its closure has neither FFmpeg nor
        // the workers and their confinement.
        .target(
            name: "DFCStore",
            dependencies: [
                "DFCCore", "DFCLedger", "DFCCatalog", "DFCVault", "DFCS3",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The whole library: the store and the services that take footage in, analyse, search,
        // disclose and audit it, over every layer below.
        .target(
            name: "DFCKit",
            dependencies: [
                "DFCCore", "DFCLedger", "DFCCatalog", "DFCVault", "DFCStore", "DFCMedia", "DFCWorkers", "DFCS3",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The `dfc` command: a thin layer of commands over DFCKit.
        .executableTarget(
            name: "dfc",
            dependencies: [
                "DFCKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The fuzz target (Scripts/fuzz builds it with libFuzzer and ASan); a plain build replays inputs.
        .executableTarget(
            name: "dfc-fuzz",
            dependencies: ["DFCKit"]
        ),
        // In-process lookup latency and C2PA read times for Scripts/bench.
        .executableTarget(
            name: "dfc-bench",
            dependencies: ["DFCKit", "DFCMedia"]
        ),
        // What another police system (the DES first) does with the store library: lookups, custody and
        // its proof, with neither FFmpeg nor the workers linked (ExampleTests checks both).
        .executableTarget(
            name: "des-lookup",
            dependencies: ["DFCStore"],
            path: "Examples/DESLookup"
        ),
        // Applies the worker's confinement and tries what an exploited demuxer would (tests run it).
        .executableTarget(
            name: "dfc-confinement-probe",
            dependencies: ["DFCKit"]
        ),
        .testTarget(
            name: "DFCKitTests",
            // Depends on `dfc`, `dfc-bench` and the example so that the binaries the end-to-end tests run are built first.
            dependencies: [
                "DFCCore", "DFCLedger", "DFCCatalog", "DFCVault", "DFCStore", "DFCMedia", "DFCWorkers", "DFCKit", "DFCS3", "dfc", "dfc-bench", "dfc-confinement-probe", "des-lookup", "CFFmpeg",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

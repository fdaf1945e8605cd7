// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dialect-archive",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DialectArchive", targets: ["DialectArchive"]),
        .library(name: "Transcripts", targets: ["Transcripts"]),
        .library(name: "DialectArchiveWeb", targets: ["DialectArchiveWeb"]),
        .executable(name: "dialect-archive", targets: ["dialect-archive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSndFile",
            pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(
            name: "CMpg123",
            pkgConfig: "libmpg123",
            providers: [.apt(["libmpg123-dev"])]),
        .systemLibrary(
            name: "CFFTW",
            pkgConfig: "fftw3f",
            providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(
            name: "CSoxr",
            pkgConfig: "soxr",
            providers: [.apt(["libsoxr-dev"])]),
        .systemLibrary(
            name: "CChromaprint",
            pkgConfig: "libchromaprint",
            providers: [.apt(["libchromaprint-dev"])]),
        .target(name: "Transcripts"),
        .target(
            name: "DialectArchive",
            dependencies: [
                "CSndFile", "CMpg123", "CFFTW", "CSoxr", "CChromaprint", "Transcripts",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]),
        .target(
            name: "DialectArchiveWeb",
            dependencies: [
                "DialectArchive", "Transcripts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]),
        .executableTarget(
            name: "dialect-archive",
            dependencies: [
                "DialectArchive", "DialectArchiveWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "BenchmarkSupport",
            path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "transcript-benchmark",
            dependencies: ["BenchmarkSupport", "Transcripts"],
            path: "Benchmarks/transcript-benchmark"),
        .executableTarget(
            name: "search-benchmark",
            dependencies: ["BenchmarkSupport", "DialectArchive", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/search-benchmark"),
        .executableTarget(
            name: "ingest-benchmark",
            dependencies: ["BenchmarkSupport", "DialectArchive"],
            path: "Benchmarks/ingest-benchmark"),
        .executableTarget(
            name: "fingerprint-benchmark",
            dependencies: ["BenchmarkSupport", "DialectArchive", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/fingerprint-benchmark"),
        .executableTarget(
            name: "verify-benchmark",
            dependencies: ["BenchmarkSupport", "DialectArchive"],
            path: "Benchmarks/verify-benchmark"),
        .executableTarget(
            name: "audit-chain-benchmark",
            dependencies: ["BenchmarkSupport", "DialectArchive", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/audit-chain-benchmark"),
        .executableTarget(
            name: "postgres-benchmark",
            dependencies: ["BenchmarkSupport", "DialectArchive"],
            path: "Benchmarks/postgres-benchmark"),
        .executableTarget(
            name: "history-benchmark",
            dependencies: ["BenchmarkSupport"],
            path: "Benchmarks/history-benchmark"),
        .testTarget(
            name: "TranscriptsTests",
            dependencies: ["Transcripts"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "DialectArchiveTests",
            dependencies: [
                "DialectArchive", "DialectArchiveWeb", "Transcripts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: [.swiftLanguageMode(.v5)]),
    ]
)

@testable import DFCKit
import Testing

/// DFC's RFC 9162 tree against the Certificate Transparency reference vectors, and every
/// proof it makes against the independent verifier.
@Suite struct MerkleTests {
    typealias V = IndependentVerifier

    /// The reference leaves of Certificate Transparency's tests and the roots of their
    /// trees of 1 to 8 leaves.
    static let leafData: [[UInt8]] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                      "606162636465666768696a6b6c6d6e6f"].map(V.hex)
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]
    let tree = MerkleTree(leaves: MerkleTests.leafData.map { Merkle.leafHash($0) })

    @Test func rootsMatchTheReferenceVectors() {
        #expect(V.hexString(Merkle.emptyRoot) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var frontier = MerkleFrontier()
        for size in 1...8 {
            #expect(V.hexString(tree.root(size: size)) == Self.roots[size - 1], "size \(size)")
            frontier.append(leafHash: tree.leaves[size - 1])
            #expect(V.hexString(frontier.root) == Self.roots[size - 1], "frontier at size \(size)")
        }
    }

    @Test func proofsMatchTheReferenceVectors() {
        #expect(tree.inclusionProof(index: 0, size: 8).map(V.hexString) == [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ])
        #expect(tree.inclusionProof(index: 5, size: 8).map(V.hexString) == [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ])
        #expect(tree.consistencyProof(from: 2, to: 8).map(V.hexString) == [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ])
        #expect(tree.consistencyProof(from: 6, to: 8).map(V.hexString) == [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ])
    }

    /// Every proof in every tree up to 40 leaves verifies, and a proof with one bit
    /// flipped, one hash dropped, or checked against the wrong root does not.
    @Test func everyProofVerifiesIndependentlyAndNoMangledOneDoes() {
        let leaves = (0..<40).map { V.leafHash([UInt8($0), 0x5a]) }
        let big = MerkleTree(leaves: leaves)
        let roots = (0...40).map { big.root(size: $0) }
        for size in 1...40 {
            for index in 0..<size {
                let path = big.inclusionProof(index: index, size: size)
                #expect(V.verifyInclusion(leafHash: leaves[index], index: index, size: size, path: path, root: roots[size]))
                #expect(!V.verifyInclusion(leafHash: leaves[index], index: index, size: size, path: path, root: roots[size - 1]))
                if !path.isEmpty {
                    var flipped = path
                    flipped[path.count - 1][3] ^= 0x10
                    #expect(!V.verifyInclusion(leafHash: leaves[index], index: index, size: size, path: flipped, root: roots[size]))
                    #expect(!V.verifyInclusion(leafHash: leaves[index], index: index, size: size, path: path.dropLast(), root: roots[size]))
                }
            }
            for first in 0...size {
                let path = big.consistencyProof(from: first, to: size)
                #expect(V.verifyConsistency(first: first, second: size, firstHash: roots[first], secondHash: roots[size], path: path),
                        "\(first) → \(size)")
                if first > 0 && first < size {
                    var flipped = path
                    flipped[0][0] ^= 0x01
                    #expect(!V.verifyConsistency(first: first, second: size, firstHash: roots[first], secondHash: roots[size], path: flipped))
                    let other = first == 1 ? roots[2] : roots[first - 1]
                    #expect(!V.verifyConsistency(first: first, second: size, firstHash: other, secondHash: roots[size], path: path))
                }
            }
        }
    }

    /// Many proofs in one call (as an export makes them, subtree roots remembered) are the
    /// proofs RFC 9162 defines: each verifies independently, in trees big enough for the
    /// memo to be used; and DFCKit's own verifier (verify-package's) agrees with the
    /// independent one on good and mangled proofs.
    @Test func batchedProofsVerifyAndBothVerifiersAgree() {
        let leaves = (0..<1000).map { V.leafHash([UInt8($0 & 0xff), UInt8($0 >> 8), 0xa5]) }
        let tree = MerkleTree(leaves: leaves)
        for size in [64, 65, 513, 777, 1000] {
            let root = tree.root(size: size)
            let indices = Array(stride(from: 0, to: size, by: 7)) + [size - 1]
            let paths = tree.inclusionProofs(indices: indices, size: size)
            for (index, path) in zip(indices, paths) {
                #expect(V.verifyInclusion(leafHash: leaves[index], index: index, size: size, path: path, root: root), "\(index)/\(size)")
                #expect(Merkle.verifyInclusion(leafHash: leaves[index], index: index, size: size, path: path, root: root))
                var flipped = path
                flipped[flipped.count / 2][7] ^= 0x04
                #expect(!Merkle.verifyInclusion(leafHash: leaves[index], index: index, size: size, path: flipped, root: root))
                #expect(!Merkle.verifyInclusion(leafHash: leaves[index], index: (index + 1) % size, size: size, path: path, root: root))
            }
        }
    }
}

/// The tree kept with the log (`merkle_node`) gives the same roots and proofs as the tree
/// rebuilt from every leaf, at every size, and a forged row is named by the audit's check.
@Suite struct MerkleNodesTests {
    @Test func theStoredTreeAgreesWithTheTreeRebuiltFromItsLeaves() throws {
        let catalog = try Catalog(path: TestSupport.temporaryDirectory() + "/catalog.sqlite")
        let leaves = (0..<133).map { Merkle.leafHash(Array("leaf \($0)".utf8)) }
        let tree = MerkleTree(leaves: leaves)
        try catalog.write { db in
            for (index, leaf) in leaves.enumerated() { try MerkleNodes.append(leaf: leaf, index: index, db) }
            var nodes = MerkleNodes(db)
            for size in 0...leaves.count {
                #expect(try nodes.root(size: size) == tree.root(size: size), "root at \(size)")
                for index in Set([0, size / 3, size / 2, size - 1]) where index >= 0 && index < size {
                    #expect(try nodes.inclusionProof(index: index, size: size) == tree.inclusionProof(index: index, size: size), "path \(index) in \(size)")
                }
                for old in Set([1, size / 2, size - 1]) where old > 0 && old <= size {
                    #expect(try nodes.consistencyProof(from: old, to: size) == tree.consistencyProof(from: old, to: size), "\(old) → \(size)")
                }
            }
            // 133 leaves: 133 leaf rows and 132 subtrees of two or more.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM merkle_node") == 2 * leaves.count - 1 - 2)
        }
    }
}

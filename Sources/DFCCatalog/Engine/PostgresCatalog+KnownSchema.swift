import DFCCore
import DFCLedger

extension PostgresCatalog {
    /// The schema DFC's PostgreSQL migrations make, one object a line with the first 64 bits of
    /// its definition's SHA-256 (`CatalogSchema`). Written by `Scripts/known-schema`; never by hand.
    package static let knownSchema = """
        constraint actor_pkey on actor	1e71212246300b47
        constraint actor_public_key_key on actor	af74045322e93c23
        constraint actor_registered_seq_fkey on actor	86c3aa14207c1d46
        constraint amendment_exhibit_id_fkey on amendment	fa215ef120a9977b
        constraint amendment_pkey on amendment	56fdd43028841be0
        constraint amendment_seq_fkey on amendment	079c76fdb209546e
        constraint analysis_exhibit_id_fkey on analysis	fa215ef120a9977b
        constraint analysis_finding_analysis_id_fkey on analysis_finding	1d014caa58b8cb40
        constraint analysis_finding_pkey on analysis_finding	2e617fbd12e88c19
        constraint analysis_frame_analysis_id_fkey on analysis_frame	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p0	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p1	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p10	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p11	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p12	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p13	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p14	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p15	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p2	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p3	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p4	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p5	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p6	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p7	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p8	1d014caa58b8cb40
        constraint analysis_frame_analysis_id_fkey on analysis_frame_p9	1d014caa58b8cb40
        constraint analysis_frame_p0_pkey on analysis_frame_p0	1305d3b1914480a3
        constraint analysis_frame_p10_pkey on analysis_frame_p10	1305d3b1914480a3
        constraint analysis_frame_p11_pkey on analysis_frame_p11	1305d3b1914480a3
        constraint analysis_frame_p12_pkey on analysis_frame_p12	1305d3b1914480a3
        constraint analysis_frame_p13_pkey on analysis_frame_p13	1305d3b1914480a3
        constraint analysis_frame_p14_pkey on analysis_frame_p14	1305d3b1914480a3
        constraint analysis_frame_p15_pkey on analysis_frame_p15	1305d3b1914480a3
        constraint analysis_frame_p1_pkey on analysis_frame_p1	1305d3b1914480a3
        constraint analysis_frame_p2_pkey on analysis_frame_p2	1305d3b1914480a3
        constraint analysis_frame_p3_pkey on analysis_frame_p3	1305d3b1914480a3
        constraint analysis_frame_p4_pkey on analysis_frame_p4	1305d3b1914480a3
        constraint analysis_frame_p5_pkey on analysis_frame_p5	1305d3b1914480a3
        constraint analysis_frame_p6_pkey on analysis_frame_p6	1305d3b1914480a3
        constraint analysis_frame_p7_pkey on analysis_frame_p7	1305d3b1914480a3
        constraint analysis_frame_p8_pkey on analysis_frame_p8	1305d3b1914480a3
        constraint analysis_frame_p9_pkey on analysis_frame_p9	1305d3b1914480a3
        constraint analysis_frame_pkey on analysis_frame	1305d3b1914480a3
        constraint analysis_packet_analysis_id_fkey on analysis_packet	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p0	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p1	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p10	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p11	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p12	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p13	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p14	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p15	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p2	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p3	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p4	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p5	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p6	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p7	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p8	1d014caa58b8cb40
        constraint analysis_packet_analysis_id_fkey on analysis_packet_p9	1d014caa58b8cb40
        constraint analysis_packet_p0_pkey on analysis_packet_p0	11c81cfe7147d713
        constraint analysis_packet_p10_pkey on analysis_packet_p10	11c81cfe7147d713
        constraint analysis_packet_p11_pkey on analysis_packet_p11	11c81cfe7147d713
        constraint analysis_packet_p12_pkey on analysis_packet_p12	11c81cfe7147d713
        constraint analysis_packet_p13_pkey on analysis_packet_p13	11c81cfe7147d713
        constraint analysis_packet_p14_pkey on analysis_packet_p14	11c81cfe7147d713
        constraint analysis_packet_p15_pkey on analysis_packet_p15	11c81cfe7147d713
        constraint analysis_packet_p1_pkey on analysis_packet_p1	11c81cfe7147d713
        constraint analysis_packet_p2_pkey on analysis_packet_p2	11c81cfe7147d713
        constraint analysis_packet_p3_pkey on analysis_packet_p3	11c81cfe7147d713
        constraint analysis_packet_p4_pkey on analysis_packet_p4	11c81cfe7147d713
        constraint analysis_packet_p5_pkey on analysis_packet_p5	11c81cfe7147d713
        constraint analysis_packet_p6_pkey on analysis_packet_p6	11c81cfe7147d713
        constraint analysis_packet_p7_pkey on analysis_packet_p7	11c81cfe7147d713
        constraint analysis_packet_p8_pkey on analysis_packet_p8	11c81cfe7147d713
        constraint analysis_packet_p9_pkey on analysis_packet_p9	11c81cfe7147d713
        constraint analysis_packet_pkey on analysis_packet	11c81cfe7147d713
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p0	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p1	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p10	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p11	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p12	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p13	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p14	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p15	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p2	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p3	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p4	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p5	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p6	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p7	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p8	1d014caa58b8cb40
        constraint analysis_pdq_analysis_id_fkey on analysis_pdq_p9	1d014caa58b8cb40
        constraint analysis_pdq_p0_pkey on analysis_pdq_p0	1305d3b1914480a3
        constraint analysis_pdq_p10_pkey on analysis_pdq_p10	1305d3b1914480a3
        constraint analysis_pdq_p11_pkey on analysis_pdq_p11	1305d3b1914480a3
        constraint analysis_pdq_p12_pkey on analysis_pdq_p12	1305d3b1914480a3
        constraint analysis_pdq_p13_pkey on analysis_pdq_p13	1305d3b1914480a3
        constraint analysis_pdq_p14_pkey on analysis_pdq_p14	1305d3b1914480a3
        constraint analysis_pdq_p15_pkey on analysis_pdq_p15	1305d3b1914480a3
        constraint analysis_pdq_p1_pkey on analysis_pdq_p1	1305d3b1914480a3
        constraint analysis_pdq_p2_pkey on analysis_pdq_p2	1305d3b1914480a3
        constraint analysis_pdq_p3_pkey on analysis_pdq_p3	1305d3b1914480a3
        constraint analysis_pdq_p4_pkey on analysis_pdq_p4	1305d3b1914480a3
        constraint analysis_pdq_p5_pkey on analysis_pdq_p5	1305d3b1914480a3
        constraint analysis_pdq_p6_pkey on analysis_pdq_p6	1305d3b1914480a3
        constraint analysis_pdq_p7_pkey on analysis_pdq_p7	1305d3b1914480a3
        constraint analysis_pdq_p8_pkey on analysis_pdq_p8	1305d3b1914480a3
        constraint analysis_pdq_p9_pkey on analysis_pdq_p9	1305d3b1914480a3
        constraint analysis_pdq_pkey on analysis_pdq	1305d3b1914480a3
        constraint analysis_pkey on analysis	2e617fbd12e88c19
        constraint analysis_stream_analysis_id_fkey on analysis_stream	1d014caa58b8cb40
        constraint analysis_stream_pkey on analysis_stream	11c81cfe7147d713
        constraint batch_file_batch_seq_fkey on batch_file	e6bee7dda4e52a9b
        constraint batch_file_event_seq_fkey on batch_file	67f417f4e1afb893
        constraint batch_file_event_seq_key on batch_file	2fa6b526e463d679
        constraint batch_file_exhibit_id_fkey on batch_file	fa215ef120a9977b
        constraint batch_file_pkey on batch_file	fd89a4e11a48f9b5
        constraint batch_job_batch_seq_fkey on batch_job	ea06bb3879c0ebcf
        constraint batch_job_batch_seq_path_key on batch_job	e32095f94ed21a8f
        constraint batch_job_event_seq_fkey on batch_job	67f417f4e1afb893
        constraint batch_job_pkey on batch_job	2e617fbd12e88c19
        constraint batch_job_queued_seq_fkey on batch_job	7d9e91ff9ff4579a
        constraint batch_job_queued_seq_key on batch_job	813ae1230a59b1b8
        constraint batch_job_state_check on batch_job	607df5603f4d7085
        constraint camera_source_pkey on camera_source	56fdd43028841be0
        constraint camera_source_seq_fkey on camera_source	079c76fdb209546e
        constraint checkpoint_pkey on checkpoint	01ccd61b666af8af
        constraint clock_correction_exhibit_id_fkey on clock_correction	fa215ef120a9977b
        constraint clock_correction_pkey on clock_correction	56fdd43028841be0
        constraint clock_correction_seq_fkey on clock_correction	079c76fdb209546e
        constraint cosigned_checkpoint_pkey on cosigned_checkpoint	2e617fbd12e88c19
        constraint custody_event_exhibit_id_fkey on custody_event	fa215ef120a9977b
        constraint custody_event_hash_key on custody_event	b65a91d12fb18b27
        constraint custody_event_pkey on custody_event	56fdd43028841be0
        constraint derived_frame_exhibit_id_fkey on derived_frame	fa215ef120a9977b
        constraint derived_frame_pkey on derived_frame	2e617fbd12e88c19
        constraint dfc_migration_pkey on dfc_migration	1e71212246300b47
        constraint exhibit_pkey on exhibit	2e617fbd12e88c19
        constraint exhibit_placement_check on exhibit_placement	8ad6801f7b83e16e
        constraint exhibit_placement_exhibit_id_fkey on exhibit_placement	fa215ef120a9977b
        constraint exhibit_placement_exhibit_id_key on exhibit_placement	40674657b38626ec
        constraint exhibit_placement_pkey on exhibit_placement	56fdd43028841be0
        constraint exhibit_placement_seq_fkey on exhibit_placement	079c76fdb209546e
        constraint exhibit_sha256_key on exhibit	a23b76de0b8fbf98
        constraint exhibit_span_check on exhibit_span	8ad6801f7b83e16e
        constraint exhibit_span_exhibit_id_fkey on exhibit_span	fa215ef120a9977b
        constraint exhibit_span_pkey on exhibit_span	40b254b069fcadd0
        constraint finding_exhibit_id_fkey on finding	fa215ef120a9977b
        constraint finding_pkey on finding	2e617fbd12e88c19
        constraint frame_exhibit_id_fkey on frame	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p0	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p1	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p10	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p11	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p12	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p13	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p14	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p15	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p2	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p3	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p4	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p5	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p6	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p7	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p8	fa215ef120a9977b
        constraint frame_exhibit_id_fkey on frame_p9	fa215ef120a9977b
        constraint frame_p0_pkey on frame_p0	8579e1feef637e90
        constraint frame_p10_pkey on frame_p10	8579e1feef637e90
        constraint frame_p11_pkey on frame_p11	8579e1feef637e90
        constraint frame_p12_pkey on frame_p12	8579e1feef637e90
        constraint frame_p13_pkey on frame_p13	8579e1feef637e90
        constraint frame_p14_pkey on frame_p14	8579e1feef637e90
        constraint frame_p15_pkey on frame_p15	8579e1feef637e90
        constraint frame_p1_pkey on frame_p1	8579e1feef637e90
        constraint frame_p2_pkey on frame_p2	8579e1feef637e90
        constraint frame_p3_pkey on frame_p3	8579e1feef637e90
        constraint frame_p4_pkey on frame_p4	8579e1feef637e90
        constraint frame_p5_pkey on frame_p5	8579e1feef637e90
        constraint frame_p6_pkey on frame_p6	8579e1feef637e90
        constraint frame_p7_pkey on frame_p7	8579e1feef637e90
        constraint frame_p8_pkey on frame_p8	8579e1feef637e90
        constraint frame_p9_pkey on frame_p9	8579e1feef637e90
        constraint frame_pkey on frame	8579e1feef637e90
        constraint merkle_node_pkey on merkle_node	0a6760e6a145c9b3
        constraint packet_exhibit_id_fkey on packet	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p0	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p1	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p10	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p11	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p12	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p13	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p14	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p15	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p2	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p3	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p4	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p5	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p6	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p7	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p8	fa215ef120a9977b
        constraint packet_exhibit_id_fkey on packet_p9	fa215ef120a9977b
        constraint packet_p0_pkey on packet_p0	0105f42256b3126c
        constraint packet_p10_pkey on packet_p10	0105f42256b3126c
        constraint packet_p11_pkey on packet_p11	0105f42256b3126c
        constraint packet_p12_pkey on packet_p12	0105f42256b3126c
        constraint packet_p13_pkey on packet_p13	0105f42256b3126c
        constraint packet_p14_pkey on packet_p14	0105f42256b3126c
        constraint packet_p15_pkey on packet_p15	0105f42256b3126c
        constraint packet_p1_pkey on packet_p1	0105f42256b3126c
        constraint packet_p2_pkey on packet_p2	0105f42256b3126c
        constraint packet_p3_pkey on packet_p3	0105f42256b3126c
        constraint packet_p4_pkey on packet_p4	0105f42256b3126c
        constraint packet_p5_pkey on packet_p5	0105f42256b3126c
        constraint packet_p6_pkey on packet_p6	0105f42256b3126c
        constraint packet_p7_pkey on packet_p7	0105f42256b3126c
        constraint packet_p8_pkey on packet_p8	0105f42256b3126c
        constraint packet_p9_pkey on packet_p9	0105f42256b3126c
        constraint packet_pkey on packet	0105f42256b3126c
        constraint pdq_exhibit_id_fkey on pdq	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p0	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p1	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p10	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p11	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p12	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p13	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p14	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p15	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p2	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p3	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p4	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p5	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p6	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p7	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p8	fa215ef120a9977b
        constraint pdq_exhibit_id_fkey on pdq_p9	fa215ef120a9977b
        constraint pdq_p0_pkey on pdq_p0	8579e1feef637e90
        constraint pdq_p10_pkey on pdq_p10	8579e1feef637e90
        constraint pdq_p11_pkey on pdq_p11	8579e1feef637e90
        constraint pdq_p12_pkey on pdq_p12	8579e1feef637e90
        constraint pdq_p13_pkey on pdq_p13	8579e1feef637e90
        constraint pdq_p14_pkey on pdq_p14	8579e1feef637e90
        constraint pdq_p15_pkey on pdq_p15	8579e1feef637e90
        constraint pdq_p1_pkey on pdq_p1	8579e1feef637e90
        constraint pdq_p2_pkey on pdq_p2	8579e1feef637e90
        constraint pdq_p3_pkey on pdq_p3	8579e1feef637e90
        constraint pdq_p4_pkey on pdq_p4	8579e1feef637e90
        constraint pdq_p5_pkey on pdq_p5	8579e1feef637e90
        constraint pdq_p6_pkey on pdq_p6	8579e1feef637e90
        constraint pdq_p7_pkey on pdq_p7	8579e1feef637e90
        constraint pdq_p8_pkey on pdq_p8	8579e1feef637e90
        constraint pdq_p9_pkey on pdq_p9	8579e1feef637e90
        constraint pdq_pkey on pdq	8579e1feef637e90
        constraint place_exhibit_id_fkey on place	fa215ef120a9977b
        constraint place_pkey on place	0105f42256b3126c
        constraint queue_batch_batch_seq_fkey on queue_batch	e6bee7dda4e52a9b
        constraint queue_batch_cancelled_seq_fkey on queue_batch	651bdb7b12719f3f
        constraint queue_batch_completed_seq_fkey on queue_batch	99492ea34d45790a
        constraint queue_batch_pkey on queue_batch	9b2ecca0bc5244a9
        constraint queue_batch_queued_seq_fkey on queue_batch	7d9e91ff9ff4579a
        constraint stream_exhibit_id_fkey on stream	fa215ef120a9977b
        constraint stream_pkey on stream	0105f42256b3126c
        constraint time_layer_exhibit_id_fkey on time_layer	fa215ef120a9977b
        constraint time_layer_pkey on time_layer	0105f42256b3126c
        function dfc_refuse_change()	24558e169c609824
        index actor_pkey	0d633cd927809ed2
        index actor_public_key_key	5542429b23291997
        index amendment_exhibit	a4afe8f0addcacac
        index amendment_pkey	9545fea1a9dad232
        index analysis_exhibit	bf390b0291a80276
        index analysis_finding_analysis	3c10ee49ccd0bdd0
        index analysis_finding_pkey	7cf1a7cf286e1488
        index analysis_frame_p0_pkey	b539ef2f070936c0
        index analysis_frame_p0_sha256_idx	ab94a96d415bb66b
        index analysis_frame_p10_pkey	27bc669aa450369e
        index analysis_frame_p10_sha256_idx	a7af3654756f4e8d
        index analysis_frame_p11_pkey	dfee3cf05de9055b
        index analysis_frame_p11_sha256_idx	0e02b2fa0e503c18
        index analysis_frame_p12_pkey	d3b0f92bc90df165
        index analysis_frame_p12_sha256_idx	907db4be6d8fdf77
        index analysis_frame_p13_pkey	a66bea0ee70bcc73
        index analysis_frame_p13_sha256_idx	ceaa2b4e5a37ba62
        index analysis_frame_p14_pkey	a143bc0f6fdd4057
        index analysis_frame_p14_sha256_idx	c6b310f1d7b97ff5
        index analysis_frame_p15_pkey	2b0fe06c1030604d
        index analysis_frame_p15_sha256_idx	0a24239aa35c1058
        index analysis_frame_p1_pkey	bba2fec0e5c1a336
        index analysis_frame_p1_sha256_idx	ad4a091ffa5c43e2
        index analysis_frame_p2_pkey	a7b66cc93fa4b3e6
        index analysis_frame_p2_sha256_idx	626593e8e3b13e8e
        index analysis_frame_p3_pkey	f91787b41152354e
        index analysis_frame_p3_sha256_idx	2f750e6248c5dc28
        index analysis_frame_p4_pkey	d9f2496575681114
        index analysis_frame_p4_sha256_idx	f3a71b9042a19842
        index analysis_frame_p5_pkey	4d92013ecf0c519e
        index analysis_frame_p5_sha256_idx	a55659fa06c81007
        index analysis_frame_p6_pkey	bcc28cf74b223636
        index analysis_frame_p6_sha256_idx	5e69b47b043f0e99
        index analysis_frame_p7_pkey	2c6859df838c4c63
        index analysis_frame_p7_sha256_idx	56dc942f40086464
        index analysis_frame_p8_pkey	93fd8a25b4a6e883
        index analysis_frame_p8_sha256_idx	4e09b29ac5970667
        index analysis_frame_p9_pkey	7b4ec4d9b546c0be
        index analysis_frame_p9_sha256_idx	487327064b2a4f52
        index analysis_frame_pkey	ccea04ad288cc73a
        index analysis_frame_sha256	c1463a8ab8739e62
        index analysis_packet_p0_pkey	c006ca358370e3ac
        index analysis_packet_p10_pkey	1206b4e94c999d3e
        index analysis_packet_p11_pkey	002be0178f547782
        index analysis_packet_p12_pkey	8ec95abe858af0da
        index analysis_packet_p13_pkey	960a27017b376e48
        index analysis_packet_p14_pkey	d8fc2a59ba170a0c
        index analysis_packet_p15_pkey	b88c4ebd437f321c
        index analysis_packet_p1_pkey	df936a29bc08de26
        index analysis_packet_p2_pkey	2ab4910f625952ad
        index analysis_packet_p3_pkey	7af42b0cdeb9b1b4
        index analysis_packet_p4_pkey	09b7dfc526a45a12
        index analysis_packet_p5_pkey	41e3b20fac0be244
        index analysis_packet_p6_pkey	304081c4d4651877
        index analysis_packet_p7_pkey	b8ec31a465a6e5a4
        index analysis_packet_p8_pkey	cfb595f7d2cab96c
        index analysis_packet_p9_pkey	4ca5a18b5be3919e
        index analysis_packet_pkey	8d8b243bb1dba493
        index analysis_pdq_p0_pkey	2ba52b4d19294595
        index analysis_pdq_p10_pkey	eee10f4a4e0580df
        index analysis_pdq_p11_pkey	769be54880518293
        index analysis_pdq_p12_pkey	71b228211eb600de
        index analysis_pdq_p13_pkey	e02ded7eedca7dc1
        index analysis_pdq_p14_pkey	df2879d94a828550
        index analysis_pdq_p15_pkey	d04e07492311d0fb
        index analysis_pdq_p1_pkey	46ac7ce7d843e5be
        index analysis_pdq_p2_pkey	c7dbe74c7796411c
        index analysis_pdq_p3_pkey	05ecc9309f2e2ad7
        index analysis_pdq_p4_pkey	b50f4235e78ece64
        index analysis_pdq_p5_pkey	1280cd0f5c8c9f80
        index analysis_pdq_p6_pkey	709b39999a1973c0
        index analysis_pdq_p7_pkey	0619704d067ea414
        index analysis_pdq_p8_pkey	8f5a17711e9e6156
        index analysis_pdq_p9_pkey	190283f334627a33
        index analysis_pdq_pkey	644e339a1fef4cf6
        index analysis_pkey	2d0854635beec58c
        index analysis_stream_pkey	11f014a7c052b56b
        index batch_file_event_seq_key	0c92fda2f433d8cb
        index batch_file_pkey	93f16593a47253f7
        index batch_job_batch_seq_path_key	2d36c4b869d50e00
        index batch_job_open	301f3731ca793079
        index batch_job_pkey	a603afa3c29df479
        index batch_job_queued_seq_key	a6ed940f40f90e1a
        index camera_source_name	ac9f59d345b33700
        index camera_source_pkey	be33c25eafe933b1
        index checkpoint_pkey	e92e778dfbc2237d
        index clock_correction_exhibit	b1a969a4b8d1c6f6
        index clock_correction_pkey	0080332dc3b28549
        index cosigned_checkpoint_pkey	c6509374cc9cf1d6
        index custody_event_action	c0d00e1f9d0d9ae4
        index custody_event_exhibit	7b31ddd097bade2a
        index custody_event_hash_key	e0c3405777546f0e
        index custody_event_pkey	3d81e273f302ed37
        index derived_frame_by_exhibit	9450a3717388bcea
        index derived_frame_pkey	d8959cd43db7bbd0
        index dfc_migration_pkey	433f1025a0896c84
        index exhibit_case	70801bae81ea461d
        index exhibit_pkey	364061cc4bb01af2
        index exhibit_placement_exhibit_id_key	a22125c04708e184
        index exhibit_placement_pkey	f17dde9e04dea163
        index exhibit_placement_range	1074f4370ab94b93
        index exhibit_sha256_key	4f002fb4912af1d1
        index exhibit_span_pkey	6505dd6635c0e11b
        index exhibit_span_range	0b9e126337f3580d
        index finding_exhibit	0c9f3c8675fa7246
        index finding_pkey	19b14c94dc72f9fd
        index frame_p0_pkey	13bf602c2a5cc6b5
        index frame_p0_sha256_idx	ba3804fb9ffd46b3
        index frame_p10_pkey	18dd57e704c2306d
        index frame_p10_sha256_idx	7fd0c09a4a6ade8c
        index frame_p11_pkey	c27c87fb7edc4bf8
        index frame_p11_sha256_idx	b3e451be344c0526
        index frame_p12_pkey	7e72a9c764e9e1a5
        index frame_p12_sha256_idx	30d344eed4420358
        index frame_p13_pkey	a726e0b22b2fceb6
        index frame_p13_sha256_idx	45e9dbf9306af0d0
        index frame_p14_pkey	9790bd1adafce674
        index frame_p14_sha256_idx	b419616500d9f069
        index frame_p15_pkey	4578306793524379
        index frame_p15_sha256_idx	19e06369a2f0993a
        index frame_p1_pkey	6bffc4bfb8285145
        index frame_p1_sha256_idx	bcf7141c61fb270d
        index frame_p2_pkey	2af8655f6b5419fb
        index frame_p2_sha256_idx	14d46feaf01bb499
        index frame_p3_pkey	1d47619d3408e900
        index frame_p3_sha256_idx	34df6fe299f30210
        index frame_p4_pkey	f2ee65e61a4ed308
        index frame_p4_sha256_idx	5ac3c4a65a913799
        index frame_p5_pkey	1a2cc1e68b76c340
        index frame_p5_sha256_idx	6164eb81cb5a413d
        index frame_p6_pkey	7108f89725f6c0ba
        index frame_p6_sha256_idx	41b2b71d52d6f8d7
        index frame_p7_pkey	bd96abafe670d051
        index frame_p7_sha256_idx	c8af18d6be545a29
        index frame_p8_pkey	0673190a821df263
        index frame_p8_sha256_idx	faef296f1f1cbe77
        index frame_p9_pkey	b289adbfdfe4e0f6
        index frame_p9_sha256_idx	8df50a6ba05ab733
        index frame_pkey	48c7b4439db9d977
        index frame_sha256	14772667fdc0af0f
        index merkle_node_pkey	5807524018e842d9
        index packet_p0_pkey	952720d399148bc3
        index packet_p10_pkey	3ac3b4c316c2b500
        index packet_p11_pkey	1a5cff3fb6ba4d2c
        index packet_p12_pkey	4ae72b6331616b4a
        index packet_p13_pkey	7327994f43c9b9dc
        index packet_p14_pkey	ba9dab3f12aa5023
        index packet_p15_pkey	7fe33211f6d329fa
        index packet_p1_pkey	f5e967f1e3c6f9f7
        index packet_p2_pkey	2b1024c119be8799
        index packet_p3_pkey	0e60cc7c84221ce1
        index packet_p4_pkey	2e1ee9f52a7027e3
        index packet_p5_pkey	d6efd13aa0d91d46
        index packet_p6_pkey	9890624d0c6e4d38
        index packet_p7_pkey	b6019b21b40a3efa
        index packet_p8_pkey	b1c8d78435ee5272
        index packet_p9_pkey	84776407d7ed904e
        index packet_pkey	b36a97ab891db781
        index pdq_p0_pkey	a1a1e17e2cf9082c
        index pdq_p10_pkey	6de1f375a29ce895
        index pdq_p11_pkey	651b5da3153738af
        index pdq_p12_pkey	b5fd38472c15bd5c
        index pdq_p13_pkey	c40ca306893f7280
        index pdq_p14_pkey	17b19abb54c17393
        index pdq_p15_pkey	34cac819b5c9cbae
        index pdq_p1_pkey	284d291ea08127dc
        index pdq_p2_pkey	6913e84e72dd8645
        index pdq_p3_pkey	932367dafeddbb4e
        index pdq_p4_pkey	49fcafb47159517e
        index pdq_p5_pkey	71ce1b6927e7bf42
        index pdq_p6_pkey	8ef1dd82e6dcd282
        index pdq_p7_pkey	37388c02df6335a2
        index pdq_p8_pkey	b083734a81c87bde
        index pdq_p9_pkey	db8c8b4512618df8
        index pdq_pkey	4294e96998ad5144
        index place_pkey	c045cbe1c5dad073
        index place_point	5eaa0cfe1dbc3766
        index queue_batch_pkey	b353a26d3efc4f00
        index stream_pkey	65acfb7554a981d4
        index time_layer_pkey	049093e8153ed86c
        internal triggers on actor	c166cb3a5d39748f
        internal triggers on amendment	48b2e13a17500421
        internal triggers on analysis	a18485701a813a6e
        internal triggers on analysis_finding	c166cb3a5d39748f
        internal triggers on analysis_frame	c166cb3a5d39748f
        internal triggers on analysis_frame_p0	c166cb3a5d39748f
        internal triggers on analysis_frame_p1	c166cb3a5d39748f
        internal triggers on analysis_frame_p10	c166cb3a5d39748f
        internal triggers on analysis_frame_p11	c166cb3a5d39748f
        internal triggers on analysis_frame_p12	c166cb3a5d39748f
        internal triggers on analysis_frame_p13	c166cb3a5d39748f
        internal triggers on analysis_frame_p14	c166cb3a5d39748f
        internal triggers on analysis_frame_p15	c166cb3a5d39748f
        internal triggers on analysis_frame_p2	c166cb3a5d39748f
        internal triggers on analysis_frame_p3	c166cb3a5d39748f
        internal triggers on analysis_frame_p4	c166cb3a5d39748f
        internal triggers on analysis_frame_p5	c166cb3a5d39748f
        internal triggers on analysis_frame_p6	c166cb3a5d39748f
        internal triggers on analysis_frame_p7	c166cb3a5d39748f
        internal triggers on analysis_frame_p8	c166cb3a5d39748f
        internal triggers on analysis_frame_p9	c166cb3a5d39748f
        internal triggers on analysis_packet	c166cb3a5d39748f
        internal triggers on analysis_packet_p0	c166cb3a5d39748f
        internal triggers on analysis_packet_p1	c166cb3a5d39748f
        internal triggers on analysis_packet_p10	c166cb3a5d39748f
        internal triggers on analysis_packet_p11	c166cb3a5d39748f
        internal triggers on analysis_packet_p12	c166cb3a5d39748f
        internal triggers on analysis_packet_p13	c166cb3a5d39748f
        internal triggers on analysis_packet_p14	c166cb3a5d39748f
        internal triggers on analysis_packet_p15	c166cb3a5d39748f
        internal triggers on analysis_packet_p2	c166cb3a5d39748f
        internal triggers on analysis_packet_p3	c166cb3a5d39748f
        internal triggers on analysis_packet_p4	c166cb3a5d39748f
        internal triggers on analysis_packet_p5	c166cb3a5d39748f
        internal triggers on analysis_packet_p6	c166cb3a5d39748f
        internal triggers on analysis_packet_p7	c166cb3a5d39748f
        internal triggers on analysis_packet_p8	c166cb3a5d39748f
        internal triggers on analysis_packet_p9	c166cb3a5d39748f
        internal triggers on analysis_pdq	c166cb3a5d39748f
        internal triggers on analysis_pdq_p0	c166cb3a5d39748f
        internal triggers on analysis_pdq_p1	c166cb3a5d39748f
        internal triggers on analysis_pdq_p10	c166cb3a5d39748f
        internal triggers on analysis_pdq_p11	c166cb3a5d39748f
        internal triggers on analysis_pdq_p12	c166cb3a5d39748f
        internal triggers on analysis_pdq_p13	c166cb3a5d39748f
        internal triggers on analysis_pdq_p14	c166cb3a5d39748f
        internal triggers on analysis_pdq_p15	c166cb3a5d39748f
        internal triggers on analysis_pdq_p2	c166cb3a5d39748f
        internal triggers on analysis_pdq_p3	c166cb3a5d39748f
        internal triggers on analysis_pdq_p4	c166cb3a5d39748f
        internal triggers on analysis_pdq_p5	c166cb3a5d39748f
        internal triggers on analysis_pdq_p6	c166cb3a5d39748f
        internal triggers on analysis_pdq_p7	c166cb3a5d39748f
        internal triggers on analysis_pdq_p8	c166cb3a5d39748f
        internal triggers on analysis_pdq_p9	c166cb3a5d39748f
        internal triggers on analysis_stream	c166cb3a5d39748f
        internal triggers on batch_file	ae64b5a7ab0320ef
        internal triggers on batch_job	ae64b5a7ab0320ef
        internal triggers on camera_source	c166cb3a5d39748f
        internal triggers on clock_correction	48b2e13a17500421
        internal triggers on custody_event	aa1fca64802e2304
        internal triggers on derived_frame	c166cb3a5d39748f
        internal triggers on exhibit	20d6209bd4e06102
        internal triggers on exhibit_placement	48b2e13a17500421
        internal triggers on exhibit_span	c166cb3a5d39748f
        internal triggers on finding	c166cb3a5d39748f
        internal triggers on frame	c166cb3a5d39748f
        internal triggers on frame_p0	c166cb3a5d39748f
        internal triggers on frame_p1	c166cb3a5d39748f
        internal triggers on frame_p10	c166cb3a5d39748f
        internal triggers on frame_p11	c166cb3a5d39748f
        internal triggers on frame_p12	c166cb3a5d39748f
        internal triggers on frame_p13	c166cb3a5d39748f
        internal triggers on frame_p14	c166cb3a5d39748f
        internal triggers on frame_p15	c166cb3a5d39748f
        internal triggers on frame_p2	c166cb3a5d39748f
        internal triggers on frame_p3	c166cb3a5d39748f
        internal triggers on frame_p4	c166cb3a5d39748f
        internal triggers on frame_p5	c166cb3a5d39748f
        internal triggers on frame_p6	c166cb3a5d39748f
        internal triggers on frame_p7	c166cb3a5d39748f
        internal triggers on frame_p8	c166cb3a5d39748f
        internal triggers on frame_p9	c166cb3a5d39748f
        internal triggers on packet	c166cb3a5d39748f
        internal triggers on packet_p0	c166cb3a5d39748f
        internal triggers on packet_p1	c166cb3a5d39748f
        internal triggers on packet_p10	c166cb3a5d39748f
        internal triggers on packet_p11	c166cb3a5d39748f
        internal triggers on packet_p12	c166cb3a5d39748f
        internal triggers on packet_p13	c166cb3a5d39748f
        internal triggers on packet_p14	c166cb3a5d39748f
        internal triggers on packet_p15	c166cb3a5d39748f
        internal triggers on packet_p2	c166cb3a5d39748f
        internal triggers on packet_p3	c166cb3a5d39748f
        internal triggers on packet_p4	c166cb3a5d39748f
        internal triggers on packet_p5	c166cb3a5d39748f
        internal triggers on packet_p6	c166cb3a5d39748f
        internal triggers on packet_p7	c166cb3a5d39748f
        internal triggers on packet_p8	c166cb3a5d39748f
        internal triggers on packet_p9	c166cb3a5d39748f
        internal triggers on pdq	c166cb3a5d39748f
        internal triggers on pdq_p0	c166cb3a5d39748f
        internal triggers on pdq_p1	c166cb3a5d39748f
        internal triggers on pdq_p10	c166cb3a5d39748f
        internal triggers on pdq_p11	c166cb3a5d39748f
        internal triggers on pdq_p12	c166cb3a5d39748f
        internal triggers on pdq_p13	c166cb3a5d39748f
        internal triggers on pdq_p14	c166cb3a5d39748f
        internal triggers on pdq_p15	c166cb3a5d39748f
        internal triggers on pdq_p2	c166cb3a5d39748f
        internal triggers on pdq_p3	c166cb3a5d39748f
        internal triggers on pdq_p4	c166cb3a5d39748f
        internal triggers on pdq_p5	c166cb3a5d39748f
        internal triggers on pdq_p6	c166cb3a5d39748f
        internal triggers on pdq_p7	c166cb3a5d39748f
        internal triggers on pdq_p8	c166cb3a5d39748f
        internal triggers on pdq_p9	c166cb3a5d39748f
        internal triggers on place	c166cb3a5d39748f
        internal triggers on queue_batch	0c1832ffe1498779
        internal triggers on stream	c166cb3a5d39748f
        internal triggers on time_layer	c166cb3a5d39748f
        sequence analysis_finding_id_seq	db97ba21f236472a
        sequence analysis_id_seq	db97ba21f236472a
        sequence batch_job_id_seq	db97ba21f236472a
        sequence cosigned_checkpoint_id_seq	db97ba21f236472a
        sequence derived_frame_id_seq	db97ba21f236472a
        sequence exhibit_id_seq	db97ba21f236472a
        sequence finding_id_seq	db97ba21f236472a
        table actor	f3d620af2957035f
        table amendment	9dd52af93a8b7905
        table analysis	aef86a5be3c9596c
        table analysis_finding	9d6d3db4f4a68af2
        table analysis_frame	90974fd88785e291
        table analysis_frame_p0	36be3bea018f6a10
        table analysis_frame_p0 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p0_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p0_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p1	708d143554738161
        table analysis_frame_p1 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p10	83cdf56e01c3277d
        table analysis_frame_p10 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p10_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p10_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p11	e2cd51ef573e2e4a
        table analysis_frame_p11 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p11_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p11_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p12	24ddf8f922ecbf26
        table analysis_frame_p12 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p12_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p12_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p13	a6c84ad37bc15a70
        table analysis_frame_p13 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p13_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p13_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p14	3c8cd7add2d3a269
        table analysis_frame_p14 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p14_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p14_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p15	386c96816188c807
        table analysis_frame_p15 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p15_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p15_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p1_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p1_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p2	c2b360f90e9ec5a6
        table analysis_frame_p2 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p2_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p2_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p3	0ab07f7611588fb0
        table analysis_frame_p3 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p3_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p3_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p4	d70bca18c8bd44c7
        table analysis_frame_p4 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p4_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p4_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p5	230d63968537f016
        table analysis_frame_p5 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p5_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p5_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p6	05b8849aa1f0e738
        table analysis_frame_p6 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p6_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p6_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p7	1c10ba1f9ce3b26e
        table analysis_frame_p7 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p7_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p7_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p8	d4d9d98cc87e2541
        table analysis_frame_p8 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p8_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p8_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_frame_p9	f75fb3064d8540b3
        table analysis_frame_p9 inherits from analysis_frame	291468643b653fcf
        table analysis_frame_p9_pkey inherits from analysis_frame_pkey	291468643b653fcf
        table analysis_frame_p9_sha256_idx inherits from analysis_frame_sha256	291468643b653fcf
        table analysis_packet	c7e3dbe742876e9b
        table analysis_packet_p0	49a9b91dd3fa9210
        table analysis_packet_p0 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p0_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p1	0f591aeedbf4df1f
        table analysis_packet_p1 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p10	d5d8eb31f5e07106
        table analysis_packet_p10 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p10_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p11	b1af6b766b13e343
        table analysis_packet_p11 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p11_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p12	30f0159556fd4e51
        table analysis_packet_p12 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p12_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p13	72061378e54008af
        table analysis_packet_p13 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p13_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p14	19131ea46a0bd473
        table analysis_packet_p14 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p14_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p15	3414ec7d28b31ea2
        table analysis_packet_p15 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p15_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p1_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p2	bc6cd55b666e1554
        table analysis_packet_p2 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p2_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p3	9c8023b3cfa775ea
        table analysis_packet_p3 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p3_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p4	2c3efe572732daea
        table analysis_packet_p4 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p4_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p5	7569ccc31704858d
        table analysis_packet_p5 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p5_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p6	1d9ecd1055bdd5fc
        table analysis_packet_p6 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p6_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p7	634d37bf0dbdd9d1
        table analysis_packet_p7 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p7_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p8	2185168c301c21be
        table analysis_packet_p8 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p8_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_packet_p9	a7bdad292d0839b1
        table analysis_packet_p9 inherits from analysis_packet	291468643b653fcf
        table analysis_packet_p9_pkey inherits from analysis_packet_pkey	291468643b653fcf
        table analysis_pdq	da57a1f8f46a03a4
        table analysis_pdq_p0	7945c3c3fb5bb3bf
        table analysis_pdq_p0 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p0_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p1	314c3d2845faad48
        table analysis_pdq_p1 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p10	136e1ddbb744a82e
        table analysis_pdq_p10 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p10_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p11	3f4b43bcf34570af
        table analysis_pdq_p11 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p11_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p12	936c3682184cfb5f
        table analysis_pdq_p12 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p12_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p13	dbc7f7fa8f89e8d2
        table analysis_pdq_p13 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p13_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p14	3b8b129dccc4c0ad
        table analysis_pdq_p14 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p14_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p15	19ada5e33b2ae2ac
        table analysis_pdq_p15 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p15_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p1_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p2	e680eea550853014
        table analysis_pdq_p2 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p2_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p3	f8fddb2eba541c29
        table analysis_pdq_p3 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p3_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p4	816cf288e6146487
        table analysis_pdq_p4 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p4_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p5	2947fe1e760a036b
        table analysis_pdq_p5 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p5_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p6	2eddc2074d78b93c
        table analysis_pdq_p6 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p6_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p7	efb5cd20dc4b7da8
        table analysis_pdq_p7 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p7_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p8	7d55ca01ab1decb4
        table analysis_pdq_p8 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p8_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_pdq_p9	1397780c735397a0
        table analysis_pdq_p9 inherits from analysis_pdq	291468643b653fcf
        table analysis_pdq_p9_pkey inherits from analysis_pdq_pkey	291468643b653fcf
        table analysis_stream	90fc37fcca233ba1
        table batch_file	5f26b9de110c369e
        table batch_job	f31105731f928a0d
        table camera_source	2b843f06210aeebd
        table checkpoint	dd167709f9dea9e2
        table clock_correction	9e310b27ca49e3f6
        table cosigned_checkpoint	7ee5dc383957feea
        table custody_event	11946693ae1ce22a
        table derived_frame	5a3f6827a1b40fe4
        table dfc_migration	6c9332422f7b3260
        table exhibit	ff5c61cb6d86270c
        table exhibit_placement	70199722f079c147
        table exhibit_span	e24eda41d638533d
        table finding	9e72c8bfe8877bdc
        table frame	e984caee3fee7327
        table frame_p0	7161effdca08d0ca
        table frame_p0 inherits from frame	291468643b653fcf
        table frame_p0_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p0_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p1	c1bc80404f9eecce
        table frame_p1 inherits from frame	291468643b653fcf
        table frame_p10	17b222f4c2a62453
        table frame_p10 inherits from frame	291468643b653fcf
        table frame_p10_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p10_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p11	c57fb3f5e3f815e8
        table frame_p11 inherits from frame	291468643b653fcf
        table frame_p11_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p11_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p12	0f0e1ba66717b6c6
        table frame_p12 inherits from frame	291468643b653fcf
        table frame_p12_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p12_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p13	d271be235a0903f1
        table frame_p13 inherits from frame	291468643b653fcf
        table frame_p13_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p13_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p14	07ad6e92a04f342f
        table frame_p14 inherits from frame	291468643b653fcf
        table frame_p14_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p14_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p15	76e88bbc30028502
        table frame_p15 inherits from frame	291468643b653fcf
        table frame_p15_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p15_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p1_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p1_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p2	09f19b0c284b1b69
        table frame_p2 inherits from frame	291468643b653fcf
        table frame_p2_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p2_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p3	456d754f08087cee
        table frame_p3 inherits from frame	291468643b653fcf
        table frame_p3_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p3_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p4	f01c9c0520b2df65
        table frame_p4 inherits from frame	291468643b653fcf
        table frame_p4_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p4_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p5	944e326fad7e284c
        table frame_p5 inherits from frame	291468643b653fcf
        table frame_p5_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p5_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p6	c2362c597a85e03c
        table frame_p6 inherits from frame	291468643b653fcf
        table frame_p6_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p6_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p7	677f427c3d26e427
        table frame_p7 inherits from frame	291468643b653fcf
        table frame_p7_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p7_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p8	2ac6f6e7c5ce220a
        table frame_p8 inherits from frame	291468643b653fcf
        table frame_p8_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p8_sha256_idx inherits from frame_sha256	291468643b653fcf
        table frame_p9	919659a2421051af
        table frame_p9 inherits from frame	291468643b653fcf
        table frame_p9_pkey inherits from frame_pkey	291468643b653fcf
        table frame_p9_sha256_idx inherits from frame_sha256	291468643b653fcf
        table merkle_node	f2f713bccf19635a
        table packet	2f3c52e40f51cc24
        table packet_p0	900f90dac86d0381
        table packet_p0 inherits from packet	291468643b653fcf
        table packet_p0_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p1	73efe57962c86e8a
        table packet_p1 inherits from packet	291468643b653fcf
        table packet_p10	34cd5a70fbd4850c
        table packet_p10 inherits from packet	291468643b653fcf
        table packet_p10_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p11	178b24b6e3dd3056
        table packet_p11 inherits from packet	291468643b653fcf
        table packet_p11_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p12	87291dee958f7491
        table packet_p12 inherits from packet	291468643b653fcf
        table packet_p12_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p13	a1341f96e953b02e
        table packet_p13 inherits from packet	291468643b653fcf
        table packet_p13_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p14	65c3485d23982276
        table packet_p14 inherits from packet	291468643b653fcf
        table packet_p14_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p15	ca6ffacb3763ca39
        table packet_p15 inherits from packet	291468643b653fcf
        table packet_p15_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p1_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p2	4e69278efff633bc
        table packet_p2 inherits from packet	291468643b653fcf
        table packet_p2_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p3	4bbe7744b215be07
        table packet_p3 inherits from packet	291468643b653fcf
        table packet_p3_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p4	7ed80a30d48894cf
        table packet_p4 inherits from packet	291468643b653fcf
        table packet_p4_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p5	b581a00dc4ac56d3
        table packet_p5 inherits from packet	291468643b653fcf
        table packet_p5_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p6	391ce5213cfe3691
        table packet_p6 inherits from packet	291468643b653fcf
        table packet_p6_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p7	30af94a6f2ee4287
        table packet_p7 inherits from packet	291468643b653fcf
        table packet_p7_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p8	0cfddc707934a10d
        table packet_p8 inherits from packet	291468643b653fcf
        table packet_p8_pkey inherits from packet_pkey	291468643b653fcf
        table packet_p9	ba16158a69ef6a45
        table packet_p9 inherits from packet	291468643b653fcf
        table packet_p9_pkey inherits from packet_pkey	291468643b653fcf
        table pdq	cbb34e27c95ad9b3
        table pdq_p0	872b060d0ba280a1
        table pdq_p0 inherits from pdq	291468643b653fcf
        table pdq_p0_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p1	2a7e4cbf804e4b5e
        table pdq_p1 inherits from pdq	291468643b653fcf
        table pdq_p10	4a45d2c85e4b70e7
        table pdq_p10 inherits from pdq	291468643b653fcf
        table pdq_p10_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p11	8be9d68da7e9f48a
        table pdq_p11 inherits from pdq	291468643b653fcf
        table pdq_p11_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p12	1fd5fcd25b73e061
        table pdq_p12 inherits from pdq	291468643b653fcf
        table pdq_p12_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p13	5e59073e84600bce
        table pdq_p13 inherits from pdq	291468643b653fcf
        table pdq_p13_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p14	379e9b4dd5abe392
        table pdq_p14 inherits from pdq	291468643b653fcf
        table pdq_p14_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p15	4103626296bcf5ed
        table pdq_p15 inherits from pdq	291468643b653fcf
        table pdq_p15_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p1_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p2	beb11142d8f609c1
        table pdq_p2 inherits from pdq	291468643b653fcf
        table pdq_p2_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p3	b32ab1afcba16a69
        table pdq_p3 inherits from pdq	291468643b653fcf
        table pdq_p3_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p4	fd1cfd71ddb19c62
        table pdq_p4 inherits from pdq	291468643b653fcf
        table pdq_p4_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p5	991a0cd432d05a2d
        table pdq_p5 inherits from pdq	291468643b653fcf
        table pdq_p5_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p6	6d1ad9e9b995ab22
        table pdq_p6 inherits from pdq	291468643b653fcf
        table pdq_p6_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p7	8fce2262bbeb36c3
        table pdq_p7 inherits from pdq	291468643b653fcf
        table pdq_p7_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p8	3916624fd93b08f3
        table pdq_p8 inherits from pdq	291468643b653fcf
        table pdq_p8_pkey inherits from pdq_pkey	291468643b653fcf
        table pdq_p9	5c8d5a9c9e03fc8a
        table pdq_p9 inherits from pdq	291468643b653fcf
        table pdq_p9_pkey inherits from pdq_pkey	291468643b653fcf
        table place	12cfcf981e17fb69
        table queue_batch	ba825c7378c3a924
        table stream	5c9cd0748bedbc3f
        table time_layer	3ff4187a2cce75b6
        trigger actor_append_only on actor	b3a8b8a4bdf0ef19
        trigger actor_no_truncate on actor	8d267cd124af56cf
        trigger amendment_append_only on amendment	6ac048f7df7d02a8
        trigger amendment_no_truncate on amendment	8e4cc08733a0d255
        trigger analysis_append_only on analysis	82aa6f6626016030
        trigger analysis_finding_append_only on analysis_finding	d241e160bb5af0e9
        trigger analysis_finding_no_truncate on analysis_finding	a8b4ac42ee24ed7d
        trigger analysis_frame_append_only on analysis_frame	9522e85ea703fb0a
        trigger analysis_frame_append_only on analysis_frame_p0	4b90d687986ca506
        trigger analysis_frame_append_only on analysis_frame_p1	7f0ff636dbab300d
        trigger analysis_frame_append_only on analysis_frame_p10	9686d1ce9d325cb6
        trigger analysis_frame_append_only on analysis_frame_p11	d69d9a6181b87b09
        trigger analysis_frame_append_only on analysis_frame_p12	1ea0f5f68c475833
        trigger analysis_frame_append_only on analysis_frame_p13	ecbed11c72cc0c20
        trigger analysis_frame_append_only on analysis_frame_p14	5004eda92aaaa72a
        trigger analysis_frame_append_only on analysis_frame_p15	a758b0111af6164f
        trigger analysis_frame_append_only on analysis_frame_p2	c083f783258f4b18
        trigger analysis_frame_append_only on analysis_frame_p3	bd68c835b4be4b70
        trigger analysis_frame_append_only on analysis_frame_p4	8e226e4708bd1ef2
        trigger analysis_frame_append_only on analysis_frame_p5	6c9a4dfcef1c3073
        trigger analysis_frame_append_only on analysis_frame_p6	7504f4ffea711a49
        trigger analysis_frame_append_only on analysis_frame_p7	01b04c6a5f44eeeb
        trigger analysis_frame_append_only on analysis_frame_p8	41bb5853f616a0f0
        trigger analysis_frame_append_only on analysis_frame_p9	643c8c71be631249
        trigger analysis_frame_no_truncate on analysis_frame	16961a09d54fafca
        trigger analysis_frame_p0_no_truncate on analysis_frame_p0	11e0a161a1ee1996
        trigger analysis_frame_p10_no_truncate on analysis_frame_p10	931c99e0db8f7120
        trigger analysis_frame_p11_no_truncate on analysis_frame_p11	5f0b5a37465f2928
        trigger analysis_frame_p12_no_truncate on analysis_frame_p12	a5b04ad4b96cb37c
        trigger analysis_frame_p13_no_truncate on analysis_frame_p13	db59a7fc8024c353
        trigger analysis_frame_p14_no_truncate on analysis_frame_p14	11b1454d80474e65
        trigger analysis_frame_p15_no_truncate on analysis_frame_p15	6b4d948cc87f619e
        trigger analysis_frame_p1_no_truncate on analysis_frame_p1	5e7903ddb52e5bf4
        trigger analysis_frame_p2_no_truncate on analysis_frame_p2	8e682cf3d6aa1e4b
        trigger analysis_frame_p3_no_truncate on analysis_frame_p3	66882c552bad7409
        trigger analysis_frame_p4_no_truncate on analysis_frame_p4	dae987ec5c01a960
        trigger analysis_frame_p5_no_truncate on analysis_frame_p5	7cdfa8155ad1361f
        trigger analysis_frame_p6_no_truncate on analysis_frame_p6	1d38dca24a649b30
        trigger analysis_frame_p7_no_truncate on analysis_frame_p7	98cae8f7cdd74307
        trigger analysis_frame_p8_no_truncate on analysis_frame_p8	bd8c0e47739927de
        trigger analysis_frame_p9_no_truncate on analysis_frame_p9	5c0d5b389b9dd576
        trigger analysis_no_truncate on analysis	c1c777e11df5e20a
        trigger analysis_packet_append_only on analysis_packet	0f1865719dc87003
        trigger analysis_packet_append_only on analysis_packet_p0	eafa7211df4ef450
        trigger analysis_packet_append_only on analysis_packet_p1	b1538cd674cb6cdf
        trigger analysis_packet_append_only on analysis_packet_p10	402536b6b24b27c0
        trigger analysis_packet_append_only on analysis_packet_p11	5eb3f43c19a3eb22
        trigger analysis_packet_append_only on analysis_packet_p12	dbfb4dce49ee65db
        trigger analysis_packet_append_only on analysis_packet_p13	14c544fdb5cd33b6
        trigger analysis_packet_append_only on analysis_packet_p14	1a6d8e77c2a809f1
        trigger analysis_packet_append_only on analysis_packet_p15	2929a087c5bc72a5
        trigger analysis_packet_append_only on analysis_packet_p2	21e306ef38d964cc
        trigger analysis_packet_append_only on analysis_packet_p3	0bff3b671551908f
        trigger analysis_packet_append_only on analysis_packet_p4	c7c1d7db683a8abf
        trigger analysis_packet_append_only on analysis_packet_p5	b6e0ee3eac073088
        trigger analysis_packet_append_only on analysis_packet_p6	16f20d1c7154d1c7
        trigger analysis_packet_append_only on analysis_packet_p7	efc04733beee19ab
        trigger analysis_packet_append_only on analysis_packet_p8	3950a3774f594c84
        trigger analysis_packet_append_only on analysis_packet_p9	64caae11935be220
        trigger analysis_packet_no_truncate on analysis_packet	7d130af1f19d4e23
        trigger analysis_packet_p0_no_truncate on analysis_packet_p0	160ae21005b3303e
        trigger analysis_packet_p10_no_truncate on analysis_packet_p10	e254427bc75838ef
        trigger analysis_packet_p11_no_truncate on analysis_packet_p11	adfbd0170ce43ae5
        trigger analysis_packet_p12_no_truncate on analysis_packet_p12	c7ef05b1a1826d24
        trigger analysis_packet_p13_no_truncate on analysis_packet_p13	c8f028e589967282
        trigger analysis_packet_p14_no_truncate on analysis_packet_p14	73d84a51e8d6d158
        trigger analysis_packet_p15_no_truncate on analysis_packet_p15	e08ac575d933c13f
        trigger analysis_packet_p1_no_truncate on analysis_packet_p1	5f89ec5a075a7161
        trigger analysis_packet_p2_no_truncate on analysis_packet_p2	ee75de090d49a89e
        trigger analysis_packet_p3_no_truncate on analysis_packet_p3	7de6d28da449ae84
        trigger analysis_packet_p4_no_truncate on analysis_packet_p4	db9e455bee741148
        trigger analysis_packet_p5_no_truncate on analysis_packet_p5	26c9748c4eb8eb61
        trigger analysis_packet_p6_no_truncate on analysis_packet_p6	3e77ff6020e7fb78
        trigger analysis_packet_p7_no_truncate on analysis_packet_p7	c9ccff3bc99dc717
        trigger analysis_packet_p8_no_truncate on analysis_packet_p8	a5808f2d52da2194
        trigger analysis_packet_p9_no_truncate on analysis_packet_p9	b4cc44a1ba1bbd7d
        trigger analysis_pdq_append_only on analysis_pdq	8ba01d40c2055c20
        trigger analysis_pdq_append_only on analysis_pdq_p0	d6178a85d64e5d47
        trigger analysis_pdq_append_only on analysis_pdq_p1	58d0a3208a6b8c64
        trigger analysis_pdq_append_only on analysis_pdq_p10	d07cea3da7f32c1b
        trigger analysis_pdq_append_only on analysis_pdq_p11	e350e360b9b5d04a
        trigger analysis_pdq_append_only on analysis_pdq_p12	258ce78b364939b1
        trigger analysis_pdq_append_only on analysis_pdq_p13	63244ab8f5aacc9c
        trigger analysis_pdq_append_only on analysis_pdq_p14	529548163d839de7
        trigger analysis_pdq_append_only on analysis_pdq_p15	d3271c3521634b94
        trigger analysis_pdq_append_only on analysis_pdq_p2	fae90c6c1c7f62a2
        trigger analysis_pdq_append_only on analysis_pdq_p3	82cb243d014a564c
        trigger analysis_pdq_append_only on analysis_pdq_p4	7c324b422f06f49b
        trigger analysis_pdq_append_only on analysis_pdq_p5	c7778a5f2cb5815b
        trigger analysis_pdq_append_only on analysis_pdq_p6	139ce98a56e89d6c
        trigger analysis_pdq_append_only on analysis_pdq_p7	76badc58259c4a55
        trigger analysis_pdq_append_only on analysis_pdq_p8	5e5eac46fdc45f26
        trigger analysis_pdq_append_only on analysis_pdq_p9	45015d636e4a095a
        trigger analysis_pdq_no_truncate on analysis_pdq	e379b75fda760b0b
        trigger analysis_pdq_p0_no_truncate on analysis_pdq_p0	056626753685de20
        trigger analysis_pdq_p10_no_truncate on analysis_pdq_p10	3252eab667f375a9
        trigger analysis_pdq_p11_no_truncate on analysis_pdq_p11	3244f11d71029541
        trigger analysis_pdq_p12_no_truncate on analysis_pdq_p12	be9360b7e42db4ce
        trigger analysis_pdq_p13_no_truncate on analysis_pdq_p13	a6e41bf9ee92b7ef
        trigger analysis_pdq_p14_no_truncate on analysis_pdq_p14	a18029293bdd0ff6
        trigger analysis_pdq_p15_no_truncate on analysis_pdq_p15	dac1dd3c35752be9
        trigger analysis_pdq_p1_no_truncate on analysis_pdq_p1	d771f6f87c467f99
        trigger analysis_pdq_p2_no_truncate on analysis_pdq_p2	d8040e767ec05e05
        trigger analysis_pdq_p3_no_truncate on analysis_pdq_p3	7977df83e720fbb9
        trigger analysis_pdq_p4_no_truncate on analysis_pdq_p4	c9f6061d1cfb826b
        trigger analysis_pdq_p5_no_truncate on analysis_pdq_p5	ea737ae3404dc556
        trigger analysis_pdq_p6_no_truncate on analysis_pdq_p6	0ae83961afba3494
        trigger analysis_pdq_p7_no_truncate on analysis_pdq_p7	90b62ca155ff0fd0
        trigger analysis_pdq_p8_no_truncate on analysis_pdq_p8	af22cac4a57f916a
        trigger analysis_pdq_p9_no_truncate on analysis_pdq_p9	f87542f88394fc6d
        trigger analysis_stream_append_only on analysis_stream	5e50eb2b19ae240f
        trigger analysis_stream_no_truncate on analysis_stream	e44bdec42024f607
        trigger batch_file_append_only on batch_file	1d1ebc12ba175749
        trigger batch_file_no_truncate on batch_file	8f7376d4e7c90ee7
        trigger camera_source_append_only on camera_source	5371d2989baebca6
        trigger camera_source_no_truncate on camera_source	081d37d89a6c0f3a
        trigger checkpoint_append_only on checkpoint	2015741b230d552e
        trigger checkpoint_no_truncate on checkpoint	bd0b6d9aac38cfd2
        trigger clock_correction_append_only on clock_correction	3b7b944c5da50d40
        trigger clock_correction_no_truncate on clock_correction	6c3eec07188f3b4f
        trigger cosigned_checkpoint_append_only on cosigned_checkpoint	1c40a391e0d30e4c
        trigger cosigned_checkpoint_no_truncate on cosigned_checkpoint	655996df5767a659
        trigger custody_event_append_only on custody_event	0aa0bccbbe44f73d
        trigger custody_event_no_truncate on custody_event	e8b11f07fa30bbfd
        trigger derived_frame_append_only on derived_frame	45706262fe96c518
        trigger derived_frame_no_truncate on derived_frame	38e954a5f70d8406
        trigger exhibit_append_only on exhibit	1a8fe4b990072dd5
        trigger exhibit_no_truncate on exhibit	30d9ca015fb7e185
        trigger exhibit_placement_append_only on exhibit_placement	9026dc022a6fde0e
        trigger exhibit_placement_no_truncate on exhibit_placement	cf092e567d7b73b3
        trigger exhibit_span_append_only on exhibit_span	625c47c2175ea354
        trigger exhibit_span_no_truncate on exhibit_span	cceaf9fb23d6bf01
        trigger finding_append_only on finding	710a342c36d51e47
        trigger finding_no_truncate on finding	9b074d6e5bf78b28
        trigger frame_append_only on frame	6d359fba00e8b32e
        trigger frame_append_only on frame_p0	75df683e84c51dec
        trigger frame_append_only on frame_p1	f6a63f3b5dd7fd94
        trigger frame_append_only on frame_p10	cee98e7e2b59800f
        trigger frame_append_only on frame_p11	c246c18841d7d278
        trigger frame_append_only on frame_p12	bd8fffa275a06eeb
        trigger frame_append_only on frame_p13	dd19d390e6eb93d5
        trigger frame_append_only on frame_p14	ee45c09ef849d0de
        trigger frame_append_only on frame_p15	191139c6cea92dce
        trigger frame_append_only on frame_p2	9e5b8617077f3b96
        trigger frame_append_only on frame_p3	5aab3feacb864df5
        trigger frame_append_only on frame_p4	8c91868b3e889f21
        trigger frame_append_only on frame_p5	102e6c5b45b3098a
        trigger frame_append_only on frame_p6	8194c7349673fcd3
        trigger frame_append_only on frame_p7	77c49d180957f7ed
        trigger frame_append_only on frame_p8	4a704b13338d5f90
        trigger frame_append_only on frame_p9	538fc2f42e8202d0
        trigger frame_no_truncate on frame	a19337785133ce50
        trigger frame_p0_no_truncate on frame_p0	36d17ff8708c3bd6
        trigger frame_p10_no_truncate on frame_p10	438bee1c58e18b29
        trigger frame_p11_no_truncate on frame_p11	382d563c5f652427
        trigger frame_p12_no_truncate on frame_p12	ccf17a378375887f
        trigger frame_p13_no_truncate on frame_p13	9e464ca41c5affac
        trigger frame_p14_no_truncate on frame_p14	072c288159922bd0
        trigger frame_p15_no_truncate on frame_p15	e6fe72f79f97812d
        trigger frame_p1_no_truncate on frame_p1	ddca10a5a6eb9c03
        trigger frame_p2_no_truncate on frame_p2	705f0875c0de6342
        trigger frame_p3_no_truncate on frame_p3	6d8a114df70a393b
        trigger frame_p4_no_truncate on frame_p4	7048308ac8eb4a03
        trigger frame_p5_no_truncate on frame_p5	ab2e49faf48030a5
        trigger frame_p6_no_truncate on frame_p6	02d2a25fab9b6df1
        trigger frame_p7_no_truncate on frame_p7	2fbe20d4bc7d7add
        trigger frame_p8_no_truncate on frame_p8	0605c0014da974ba
        trigger frame_p9_no_truncate on frame_p9	e3e3427306f8f475
        trigger merkle_node_append_only on merkle_node	41175169ad571188
        trigger merkle_node_no_truncate on merkle_node	80a55878d55a0bc4
        trigger packet_append_only on packet	ea5420347ea79d32
        trigger packet_append_only on packet_p0	6d056777a1e3c8be
        trigger packet_append_only on packet_p1	aff662db5822d7fe
        trigger packet_append_only on packet_p10	9f5bfa111f44df40
        trigger packet_append_only on packet_p11	67e361da2bd86eb5
        trigger packet_append_only on packet_p12	9cbbf9b91c825d83
        trigger packet_append_only on packet_p13	140a6a7bd3fd8a1a
        trigger packet_append_only on packet_p14	05ba2f39c4b51b17
        trigger packet_append_only on packet_p15	184132356fa13f06
        trigger packet_append_only on packet_p2	6e5ac9f95d186dbf
        trigger packet_append_only on packet_p3	e7acbb001cb542d1
        trigger packet_append_only on packet_p4	835f31d0d07662a1
        trigger packet_append_only on packet_p5	46355ef9222240e1
        trigger packet_append_only on packet_p6	5a9bd29f800eed18
        trigger packet_append_only on packet_p7	ac44e44890c6fc69
        trigger packet_append_only on packet_p8	bf77a4ff324e87ec
        trigger packet_append_only on packet_p9	43802b42e22c0dda
        trigger packet_no_truncate on packet	7d1ae66173de5bec
        trigger packet_p0_no_truncate on packet_p0	0fefd0fa3f3f8044
        trigger packet_p10_no_truncate on packet_p10	2b7d880446bb0f0d
        trigger packet_p11_no_truncate on packet_p11	c5f9623aa80d6b2f
        trigger packet_p12_no_truncate on packet_p12	530208fade0c2ebc
        trigger packet_p13_no_truncate on packet_p13	767ceba5a9abf0ec
        trigger packet_p14_no_truncate on packet_p14	2d40e51d3f520a20
        trigger packet_p15_no_truncate on packet_p15	315cfca7f7bf6019
        trigger packet_p1_no_truncate on packet_p1	01ae23e00d60bfca
        trigger packet_p2_no_truncate on packet_p2	85b0f8cf78273c46
        trigger packet_p3_no_truncate on packet_p3	243280e617344483
        trigger packet_p4_no_truncate on packet_p4	c1442d245465e685
        trigger packet_p5_no_truncate on packet_p5	1298e00d6ad2b885
        trigger packet_p6_no_truncate on packet_p6	a8df2bef1bbf0d43
        trigger packet_p7_no_truncate on packet_p7	4c09b0557f65705e
        trigger packet_p8_no_truncate on packet_p8	db6adfc517536730
        trigger packet_p9_no_truncate on packet_p9	6ce854507763a974
        trigger pdq_append_only on pdq	d95470dbc3ae21f3
        trigger pdq_append_only on pdq_p0	a515082b582f04e9
        trigger pdq_append_only on pdq_p1	aae5cbadd6964712
        trigger pdq_append_only on pdq_p10	d9b5b320c3544316
        trigger pdq_append_only on pdq_p11	24682e0a5d747958
        trigger pdq_append_only on pdq_p12	d4707f5e6264b0f7
        trigger pdq_append_only on pdq_p13	3b10e88bdd925b86
        trigger pdq_append_only on pdq_p14	eae73c67ecb1afef
        trigger pdq_append_only on pdq_p15	083523519a1ba09e
        trigger pdq_append_only on pdq_p2	c628c9423c0686bc
        trigger pdq_append_only on pdq_p3	6252e4adcae2821d
        trigger pdq_append_only on pdq_p4	4264ef112c208ce2
        trigger pdq_append_only on pdq_p5	f9214df76409990c
        trigger pdq_append_only on pdq_p6	2cd193ce5b073e67
        trigger pdq_append_only on pdq_p7	2c4bcba6233a9ca2
        trigger pdq_append_only on pdq_p8	65dbbed32110c279
        trigger pdq_append_only on pdq_p9	5dadb85064d1d587
        trigger pdq_no_truncate on pdq	9e38505ceb83f51a
        trigger pdq_p0_no_truncate on pdq_p0	254a7c1e3e7ab6c6
        trigger pdq_p10_no_truncate on pdq_p10	1c5f6fe70e2dacee
        trigger pdq_p11_no_truncate on pdq_p11	d59aff8ab2b2915f
        trigger pdq_p12_no_truncate on pdq_p12	1d1da6b610724fe0
        trigger pdq_p13_no_truncate on pdq_p13	88665ec140d5496d
        trigger pdq_p14_no_truncate on pdq_p14	d6d6db060fb8f22f
        trigger pdq_p15_no_truncate on pdq_p15	40a4258aa760aba6
        trigger pdq_p1_no_truncate on pdq_p1	f0636e38df60933b
        trigger pdq_p2_no_truncate on pdq_p2	a00da41b4073e428
        trigger pdq_p3_no_truncate on pdq_p3	b5aba080bc56b60f
        trigger pdq_p4_no_truncate on pdq_p4	247da97527937f1a
        trigger pdq_p5_no_truncate on pdq_p5	19900c9530818214
        trigger pdq_p6_no_truncate on pdq_p6	7cfea0e8e2b1814a
        trigger pdq_p7_no_truncate on pdq_p7	44ffe71f8535b17d
        trigger pdq_p8_no_truncate on pdq_p8	c05528f622145079
        trigger pdq_p9_no_truncate on pdq_p9	eb984f6e2f4f5374
        trigger place_append_only on place	d339210ad5b18f9a
        trigger place_no_truncate on place	6b0dbe7345842bcf
        trigger stream_append_only on stream	e2616f9d5e94cbe9
        trigger stream_no_truncate on stream	bbd65127727b95ae
        trigger time_layer_append_only on time_layer	bc09236639892fe8
        trigger time_layer_no_truncate on time_layer	7a7c17641f995d73
        """
}

import Records

extension PaperTables {
    /// The numbers the paper reports (Tables 2, A.1 and B.1), transcribed from the paper: built into
    /// the binary so that `report` works from any directory.
    public static func published() throws -> PaperTables {
        try PaperTables(tsv: publishedTSV, path: "built-in paper tables")
    }

    private static let publishedTSV = """
        # SSMix (Findings of ACL 2021) reported results, BERT-base-uncased, mean (Table 2, Table B.1) and standard deviation (Table A.1) over seeds 0-4.
        # Transcribed from the paper. Columns: table, method, then one column per evaluation set.
        # GLUE columns are dev accuracy; TREC columns are test accuracy; ANLI columns are valid/test per round.
        # Note: the Table 2 caption says "MNLI-mismatched dev"; the released code evaluates validation_matched only.
        table	method	sst2	qqp	mnli	qnli	rte	mrpc	trec-coarse	trec-fine	anli-r1-valid	anli-r1-test	anli-r2-valid	anli-r2-test	anli-r3-valid	anli-r3-test
        2	normal	92.96	91.32	84.27	91.28	65.56	86.37	97.08	86.68	56.40	57.16	47.10	47.36	47.62	48.00
        2	embedmix	93.03	91.36	84.35	91.43	67.73	86.72	97.44	90.04	56.78	57.16	47.84	47.42	47.67	48.00
        2	tmix	93.03	91.34	84.33	91.40	66.86	86.42	97.52	90.16	56.68	57.28	47.58	47.90	47.78	48.42
        2	ssmix	93.10	91.43	84.54	91.54	67.22	86.57	97.60	90.24	57.26	57.34	48.36	48.06	47.78	48.00
        2	ssmix-no-saliency	93.12	91.32	84.48	91.29	67.00	86.42	97.44	89.56	57.04	57.16	48.22	47.94	47.95	48.07
        2	ssmix-no-saliency-no-span	93.14	91.32	84.54	91.45	66.93	86.37	97.40	89.20	56.74	57.20	47.52	47.90	47.77	48.00
        A.1	normal	0.04	0.04	0.12	0.05	3.89	1.73	0.17	2.21	1.21	0.24	0.16	1.26	0.73	0.84
        A.1	embedmix	0.02	0.03	0.14	0.04	3.89	1.39	0.09	0.31	1.38	0.24	0.46	1.18	0.75	0.84
        A.1	tmix	0.04	0.04	0.09	0.03	1.85	1.55	0.05	0.63	1.44	0.25	0.33	0.75	0.73	1.28
        A.1	ssmix	0.03	0.07	0.07	0.03	2.57	1.15	0.03	0.49	1.56	0.25	0.27	0.46	0.73	0.84
        A.1	ssmix-no-saliency	0.02	0.04	0.11	0.04	2.06	1.55	0.09	0.69	1.33	0.24	0.18	1.99	0.62	0.80
        A.1	ssmix-no-saliency-no-span	0.00	0.04	0.09	0.03	1.86	1.73	0.08	0.14	2.01	0.28	0.11	0.45	0.68	0.84
        B.1	normal	92.96	91.32	84.27	91.28	65.56	86.37	97.08	86.68	56.40	57.16	47.10	47.36	47.62	48.00
        B.1	unk	93.10	91.33	84.46	91.45	66.86	86.62	97.44	89.24	56.98	57.26	47.86	48.36	47.98	48.32
        B.1	ssmix	93.10	91.43	84.54	91.54	67.22	86.57	97.60	90.24	57.26	57.34	48.36	48.06	47.78	48.00
        B.1	ssmix-no-saliency	93.12	91.32	84.48	91.29	67.00	86.42	97.44	89.56	57.04	57.16	48.22	47.94	47.95	48.07
        B.1	ssmix-no-saliency-no-span	93.14	91.32	84.54	91.45	66.93	86.37	97.40	89.20	56.74	57.20	47.52	47.90	47.77	48.00
        """
}

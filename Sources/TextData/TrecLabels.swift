/// The TREC question-classification label sets, in the orders the experiments use.
public enum TrecLabels {
    /// The 6 coarse classes in the order of the `trec` loader of datasets ≤ 2.4 (the released
    /// SSMix code's): DESC, ENTY, ABBR, HUM, NUM, LOC.
    public static let coarse = ["DESC", "ENTY", "ABBR", "HUM", "NUM", "LOC"]

    /// The 47 suffix-only fine classes of the `trec` loader of datasets ≤ 2.4, in its order
    /// (which is the order of first appearance in `train_5500.label`). Dropping the coarse
    /// prefix merges ENTY:other, LOC:other and NUM:other into "other", and DESC:desc and
    /// HUM:desc into "desc", which is why there are 47 and not 50.
    public static let fineSuffix = [
        "manner", "cremat", "animal", "exp", "ind", "gr", "title", "def", "date", "reason",
        "event", "state", "desc", "count", "other", "letter", "religion", "food", "country", "color",
        "termeq", "city", "body", "dismed", "mount", "money", "product", "period", "substance", "sport",
        "plant", "techmeth", "volsize", "instru", "abb", "speed", "word", "lang", "perc", "code",
        "dist", "temp", "symbol", "ord", "veh", "weight", "currency",
    ]

    /// The 50 "COARSE:fine" classes in the order of today's `CogComp/trec` loader.
    public static let fineFull = [
        "ABBR:abb", "ABBR:exp",
        "ENTY:animal", "ENTY:body", "ENTY:color", "ENTY:cremat", "ENTY:currency", "ENTY:dismed",
        "ENTY:event", "ENTY:food", "ENTY:instru", "ENTY:lang", "ENTY:letter", "ENTY:other",
        "ENTY:plant", "ENTY:product", "ENTY:religion", "ENTY:sport", "ENTY:substance",
        "ENTY:symbol", "ENTY:techmeth", "ENTY:termeq", "ENTY:veh", "ENTY:word",
        "DESC:def", "DESC:desc", "DESC:manner", "DESC:reason",
        "HUM:gr", "HUM:ind", "HUM:title", "HUM:desc",
        "LOC:city", "LOC:country", "LOC:mount", "LOC:other", "LOC:state",
        "NUM:code", "NUM:count", "NUM:date", "NUM:dist", "NUM:money", "NUM:ord", "NUM:other",
        "NUM:period", "NUM:perc", "NUM:speed", "NUM:temp", "NUM:volsize", "NUM:weight",
    ]
}

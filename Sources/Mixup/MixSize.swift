/// The two numbers every mixing rule shares: how many tokens to replace, and the label weight.
enum MixSize {
    /// Tokens to replace for a target with `contentLength` content tokens: max(⌊n·w/100⌋, 1).
    ///
    /// Integer arithmetic; for the default w = 10 it equals the released code's float products
    /// at every length up to 126.
    static func tokens(contentLength: Int, percent: Int) -> Int {
        max(contentLength * percent / 100, 1)
    }

    /// Label weight of the target, 1 − replaced/content, rounded to float32 as the released code
    /// stores it.
    static func labelWeight(replaced: Int, contentLength: Int) -> Float {
        Float(1 - Double(replaced) / Double(contentLength))
    }
}

import ArgumentParser
import Autodiff
import Mixup
import Reports
import Training

// The suite's enums as command-line values: the raw value is what a user types, and a wrong value
// is refused by the parser with the list of valid ones.

extension TrainingProtocol: ExpressibleByArgument {}
extension MixMethod: ExpressibleByArgument {}
extension SaliencyMode: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension Precision: ExpressibleByArgument {}

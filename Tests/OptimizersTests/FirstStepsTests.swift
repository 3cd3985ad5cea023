import Testing
@testable import Optimizers

/// The first three steps of every rule from x = 1 on x^2 and from (1, -0.5) on x^2 + 10y^2,
/// worked out from Keras 3's formulas (keras/src/optimizers/*.py).
@Suite struct FirstStepsTests {
    @Test func sgd() throws {
        // x1 = 1 - 0.1*2 = 0.8; x2 = 0.8 - 0.1*1.6 = 0.64; x3 = 0.64 - 0.1*1.28 = 0.512
        #expect(close(try steps(OptimizerConfiguration(OptimizerRule(SGD()), learningRate: 0.1), from: [1], gradient: oneD), [[0.8], [0.64], [0.512]]))
        // y: -0.5 - 0.1*(-10) = 0.5, then 0.5 - 0.1*10 = -0.5, then 0.5: it bounces across the valley
        #expect(close(try steps(OptimizerConfiguration(OptimizerRule(SGD()), learningRate: 0.1), from: [1, -0.5], gradient: twoD),
                      [[0.8, 0.5], [0.64, -0.5], [0.512, 0.5]]))
    }

    @Test func momentum() throws {
        // m1 = -0.1*2 = -0.2, x1 = 0.8; m2 = 0.9*(-0.2) - 0.1*1.6 = -0.34, x2 = 0.46;
        // m3 = 0.9*(-0.34) - 0.1*0.92 = -0.398, x3 = 0.062
        let rule = OptimizerConfiguration(OptimizerRule(SGD().with(\.momentum, 0.9)), learningRate: 0.1)
        #expect(close(try steps(rule, from: [1], gradient: oneD), [[0.8], [0.46], [0.062]]))
        // y: m1 = 1, y1 = 0.5; m2 = 0.9 - 1 = -0.1, y2 = 0.4; m3 = -0.09 - 0.8 = -0.89, y3 = -0.49
        #expect(close(try steps(rule, from: [1, -0.5], gradient: twoD), [[0.8, 0.5], [0.46, 0.4], [0.062, -0.49]]))
    }

    @Test func nesterov() throws {
        // m1 = -0.2, x1 = 1 + 0.9*(-0.2) - 0.2 = 0.62; g = 1.24: m2 = -0.18 - 0.124 = -0.304,
        // x2 = 0.62 - 0.2736 - 0.124 = 0.2224; g = 0.4448: m3 = -0.2736 - 0.04448 = -0.31808,
        // x3 = 0.2224 - 0.286272 - 0.04448 = -0.108352
        let rule = OptimizerConfiguration(OptimizerRule(SGD().with(\.momentum, 0.9).with(\.nesterov, true)), learningRate: 0.1)
        #expect(close(try steps(rule, from: [1], gradient: oneD), [[0.62], [0.2224], [-0.108352]]))
        // y: m1 = 1, y1 = -0.5 + 0.9 + 1 = 1.4; g = 28: m2 = 0.9 - 2.8 = -1.9, y2 = 1.4 - 1.71 - 2.8 = -3.11;
        // g = -62.2: m3 = -1.71 + 6.22 = 4.51, y3 = -3.11 + 4.059 + 6.22 = 7.169 (lr 0.1 is too big across)
        #expect(close(try steps(rule, from: [1, -0.5], gradient: twoD),
                      [[0.62, 1.4], [0.2224, -3.11], [-0.108352, 7.169]]))
    }

    @Test func adagrad() throws {
        // a1 = 0.1 + 4 = 4.1, x1 = 1 - 0.1*2/sqrt(4.1 + 1e-7) = 0.90122704...
        // a2 = 4.1 + 1.80245^2 = 7.34884, x2 = x1 - 0.1*1.80245/sqrt(a2 + 1e-7) = 0.83473727...
        let rule = OptimizerConfiguration(OptimizerRule(Adagrad()), learningRate: 0.1)
        let x1 = 1 - 0.1 * 2 / (4.1 + 1e-7).squareRoot()
        #expect(abs(x1 - 0.9012270415395893) < 1e-15)
        #expect(close(try steps(rule, from: [1], gradient: oneD),
                      [[0.9012270415395893], [0.8347372777990358], [0.7822991954868491]]))
        // y: a1 = 0.1 + 100, y1 = -0.5 + 0.1*10/sqrt(100.1 + 1e-7) = -0.40004996...
        #expect(close(try steps(rule, from: [1, -0.5], gradient: twoD),
                      [[0.9012270415395893, -0.4000499625811478], [0.8347372777990358, -0.3375947368306996],
                       [0.7822991954868491, -0.2909693732435492]]))
    }

    @Test func rmsprop() throws {
        // v1 = 0.1*4 = 0.4, x1 = 1 - 0.01*2/sqrt(0.4 + 1e-7) = 0.96837722...
        let rule = OptimizerConfiguration(OptimizerRule(RMSprop()), learningRate: 0.01)
        let x1: Double = 1 - 0.01 * 2 / (0.4 + 1e-7).squareRoot()
        #expect(abs(x1 - 0.9683772273511625) < 1e-15)
        #expect(close(try steps(rule, from: [1], gradient: oneD),
                      [[0.9683772273511625], [0.9457880301745026], [0.9270531041033643]]))
        #expect(close(try steps(rule, from: [1, -0.5], gradient: twoD),
                      [[0.9683772273511625, -0.4683772235564301], [0.9457880301745026, -0.44615846083579314],
                       [0.9270531041033643, -0.427928872786827]]))
    }

    @Test func adam() throws {
        // m1 = 0.1*2 = 0.2, v1 = 0.001*4 = 0.004, alpha1 = 0.1*sqrt(1 - 0.999)/(1 - 0.9) = 0.0316228*10,
        // x1 = 1 - alpha1*0.2/(sqrt(0.004) + 1e-7) = 1 - 0.31622777*0.2/0.06324565 = 0.90000016
        // (the textbook form would give 1 - 0.1*2/(2 + 1e-7): epsilon acts on a different scale)
        let rule = OptimizerConfiguration(OptimizerRule(Adam()), learningRate: 0.1)
        let alpha1 = 0.1 * (1 - 0.999).squareRoot() / (1 - 0.9)
        let x1: Double = 1 - alpha1 * 0.2 / (0.004.squareRoot() + 1e-7)
        #expect(abs(x1 - 0.900000158113633) < 1e-15)
        #expect(close(try steps(rule, from: [1], gradient: oneD),
                      [[0.900000158113633], [0.8004125019437752], [0.7015866431267168]]))
        #expect(close(try steps(rule, from: [1, -0.5], gradient: twoD),
                      [[0.900000158113633, -0.40000003162276654], [0.8004125019437752, -0.3011874749921479],
                       [0.7015866431267168, -0.2048713243933341]]))
    }

    @Test func adadelta() throws {
        // Eg1 = 0.05*4 = 0.2, d1 = -sqrt(0 + 1e-7)/sqrt(0.2 + 1e-7)*2 = -0.00141421..., Ed1 = 0.05*d1^2,
        // x1 = 1 + 1.0*d1 = 0.99858579
        let rule = OptimizerConfiguration(OptimizerRule(Adadelta()), learningRate: 1)
        let d1: Double = -(1e-7).squareRoot() / (0.2 + 1e-7).squareRoot() * 2
        #expect(abs(1 + d1 - 0.9985857867911802) < 1e-15)
        #expect(close(try steps(rule, from: [1], gradient: oneD),
                      [[0.9985857867911802], [0.997154545251467], [0.995712464722385]]))
        #expect(close(try steps(rule, from: [1, -0.5], gradient: twoD),
                      [[0.9985857867911802, -0.49858578645176904], [0.997154545251467, -0.49715553456176015],
                       [0.995712464722385, -0.49571579487682105]]))
    }
}

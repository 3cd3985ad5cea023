// The module of Descent's documentation catalog (Descent.docc): the guides a user reads in
// order and each executable's command reference. It holds no code; the libraries' API
// references are their own modules' documentation.

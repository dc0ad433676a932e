import CLibXML2

/// libxml2's process-wide setup, done once before its first use by any parser here.
enum LibXML2 {
    private static let ready: Void = {
        // Its allocator first, before anything of libxml2 allocates (see the shim: with functions
        // of its own, libxml2 does not tear its globals down at exit under threads still using them).
        _ = deposit_xml_use_forwarding_allocator()
        xmlInitParser()
    }()

    static func prepare() { ready }

    /// Whether libxml2 would free its globals in a library destructor at exit (false once prepared).
    static var cleansUpAtExit: Bool { deposit_xml_cleans_up_at_exit() != 0 }
}

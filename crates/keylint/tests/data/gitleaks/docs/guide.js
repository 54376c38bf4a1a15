const demo = "demo-account acme_live_z9x8c7v6b5n4m3l2k1j0h9g8";

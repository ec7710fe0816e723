"""Pages the build writes from the course: listings, the competence map, module tests, answer sheets,
progress and the certificate, the class page, QR codes, print marks and the home-screen app manifest."""

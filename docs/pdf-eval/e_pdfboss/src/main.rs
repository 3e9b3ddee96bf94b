common::native_main!(e_pdfboss::extract);

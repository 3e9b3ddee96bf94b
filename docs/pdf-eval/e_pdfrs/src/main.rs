common::native_main!(e_pdfrs::extract);

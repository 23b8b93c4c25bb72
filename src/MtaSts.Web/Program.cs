using MtaSts.Web;

WebGeneratorApp.Create(args).Run();

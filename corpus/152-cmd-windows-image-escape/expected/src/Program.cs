System.Console.WriteLine("hello from nanoserver");
